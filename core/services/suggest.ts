import type { Db } from '../../db/open';
import type { FactSuggestion } from '../../common/api';
export function suggestMentions(_db: Db, _factId: number, _k: number): FactSuggestion[] {
  return [];
}
