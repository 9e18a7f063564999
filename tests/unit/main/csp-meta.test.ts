import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../../main/security';

const html = fs.readFileSync(path.resolve(__dirname, '../../../renderer/index.html'), 'utf8');
const meta = /<meta http-equiv="Content-Security-Policy" content="([^"]*)"/.exec(html)?.[1];

describe('the page’s Content Security Policy', () => {
  it('leaves frame-ancestors to the header, where browsers read it (in a meta tag it is ignored with a console error)', () => {
    expect(meta).toBeDefined();
    expect(meta).not.toMatch(/frame-ancestors/);
    expect(CONTENT_SECURITY_POLICY).toMatch(/frame-ancestors 'none'/);
  });

  it('is otherwise the policy the header sends', () => {
    const directives = (p: string) => p.split(';').map((d) => d.trim()).filter((d) => d && !d.startsWith('frame-ancestors')).sort();
    expect(directives(meta!)).toEqual(directives(CONTENT_SECURITY_POLICY));
  });
});
