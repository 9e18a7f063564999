import { describe, expect, it } from 'vitest';
import { detectWrapWidth, splitHtml, splitMarkdown, splitPlainText } from '../../../../core/text/paragraphs';

describe('plain-text paragraphs', () => {
  it('takes one paragraph per line when lines are free-length', () => {
    const text = 'Overskrift her\n\nFørste avsnitt er en lang linje som fortsetter langt forbi åtti tegn uten at noen har brutt den av, slik nettsider ofte gjør.\nAndre avsnitt står på neste linje.\n\nTredje avsnitt etter en tom linje.';
    expect(splitPlainText(text)).toEqual([
      'Overskrift her',
      'Første avsnitt er en lang linje som fortsetter langt forbi åtti tegn uten at noen har brutt den av, slik nettsider ofte gjør.',
      'Andre avsnitt står på neste linje.',
      'Tredje avsnitt etter en tom linje.',
    ]);
  });

  it('joins text hard-wrapped at 72 columns back together, and keeps short lines apart', () => {
    const wrapped = [
      'The ferry left the harbour at seven in the morning with forty-eight',
      'passengers on board, and the wind was already rising from the south-west',
      'when the captain decided to take the inner route between the islands.',
      '',
      'Title of the next part',
      'A rescue boat reached the ferry within half an hour, and everyone on',
      'board was taken ashore by noon, wet and cold but unhurt, the police said.',
    ].join('\n');
    expect(detectWrapWidth(wrapped.split('\n'))).not.toBeNull();
    expect(splitPlainText(wrapped)).toEqual([
      'The ferry left the harbour at seven in the morning with forty-eight passengers on board, and the wind was already rising from the south-west when the captain decided to take the inner route between the islands.',
      'Title of the next part',
      'A rescue boat reached the ferry within half an hour, and everyone on board was taken ashore by noon, wet and cold but unhurt, the police said.',
    ]);
  });

  it('keeps equal-length lines apart when they end sentences (one paragraph per line)', () => {
    const lines = Array.from({ length: 12 }, (_, i) => `Paragraph ${i + 1} tells of the ferry, the storm and the rescue.`);
    expect(splitPlainText(lines.join('\n'))).toHaveLength(12);
  });

  it('handles CRLF and CR line ends and lets the user force a mode', () => {
    expect(splitPlainText('one\r\ntwo\rthree')).toEqual(['one', 'two', 'three']);
    expect(splitPlainText('a line\nsame block\n\nnew block', 'blank-line')).toEqual(['a line same block', 'new block']);
    expect(splitPlainText('a line\nsame block\n\nnew block', 'line')).toEqual(['a line', 'same block', 'new block']);
  });
});

describe('markdown and html', () => {
  it('takes headings, list items and paragraphs from Markdown without markup', () => {
    const md = '# Fergen gikk på grunn\n\nDet var **sterk** vind og [høye bølger](https://example.org).\nLinjen fortsetter her.\n\n- første punkt\n- andre punkt\n';
    const r = splitMarkdown(md);
    expect(r.title).toBe('Fergen gikk på grunn');
    expect(r.paragraphs).toEqual(['Fergen gikk på grunn', 'Det var sterk vind og høye bølger. Linjen fortsetter her.', 'første punkt', 'andre punkt']);
  });

  it('takes paragraphs from block elements and drops scripts and styles', () => {
    const html = `<!doctype html><html><head><title>Ferry &amp; storm</title><style>p{color:red}</style><script>var x = "<p>not text</p>";</script></head>
      <body><nav><a href="/">Home</a></nav><article><h1>Ferry aground</h1><p>The ferry <b>ran aground</b> at 07:40.<br>All 48 were saved.</p>
      <p>&laquo;We were lucky,&raquo; said Å. Berg.</p><div>Photo: archive</div></article><script>alert(1)</script></body></html>`;
    const r = splitHtml(html);
    expect(r.title).toBe('Ferry & storm');
    expect(r.paragraphs).toEqual(['Home', 'Ferry aground', 'The ferry ran aground at 07:40.', 'All 48 were saved.', '«We were lucky,» said Å. Berg.', 'Photo: archive']);
  });
});
