import { describe, expect, it } from 'vitest';
import { selectionMessage } from '../../../../cli/commands/align';

describe('selectionMessage', () => {
  const control = { minConfidence: 0.2, perParagraph: 2 };

  it('says how many suggested links pass the minimum and how many mutual-best links are shown below it', () => {
    const links = [
      { confidence: 0.61, status: 'suggested' },
      { confidence: 0.2, status: 'suggested' },
      { confidence: 0.09, status: 'suggested' },
      { confidence: 0.06, status: 'suggested' },
    ];
    const m = selectionMessage(control, links);
    expect(m).toMatch(/^showing 2 suggested links at confidence ≥ 0.2, at most 2 per paragraph, plus 2 mutual-best links below it/);
    expect(m).not.toMatch(/confirmed/);
  });

  it('does not claim a minimum that no link shown reaches', () => {
    const m = selectionMessage(control, [
      { confidence: 0.09, status: 'suggested' },
      { confidence: 0.06, status: 'suggested' },
    ]);
    expect(m).toMatch(/^showing 0 suggested links at confidence ≥ 0.2, .*plus 2 mutual-best links below it/);
  });

  it('counts confirmed links apart: they are shown whatever their confidence', () => {
    const m = selectionMessage(control, [
      { confidence: 0.5, status: 'suggested' },
      { confidence: 0.01, status: 'confirmed' },
    ]);
    expect(m).toMatch(/^showing 1 suggested link at confidence ≥ 0.2, at most 2 per paragraph, and 1 confirmed link whatever its confidence \(change with/);
    expect(m).not.toMatch(/mutual-best/);
  });
});
