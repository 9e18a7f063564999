/**
 * "Web page, complete": browsers save page.html beside a folder of its
 * images, styles and scripts, named after the page with a suffix
 * (page_files; some localised browsers use another word, page-Dateien or
 * page_fichiers). The folder is the page's furniture, never an article.
 */
export function isSavedPageAssets(dirName: string, siblings: string[]): boolean {
  const m = /^(.+?)[_-]\p{L}+$/u.exec(dirName);
  if (!m) return false;
  const stem = m[1];
  return siblings.some((s) => s !== dirName && /\.(html?|xhtml|shtml)$/i.test(s) && s.replace(/\.[^.]+$/, '') === stem);
}
