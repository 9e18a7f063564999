import type { Db } from '../../db/open';
import type { FactSuggestion } from '../../common/api';
import type { SimilarityService } from './similarity';
import { StoryService } from './story';

/**
 * Paragraphs of the other articles of a fact's story that most likely report it, best first,
 * each with the sentence that reports it best (see StoryService.suggest). Paragraphs that
 * already mention the fact, or whose suggestion was rejected, are left out.
 */
export async function suggestMentions(db: Db, factId: number, topK = 10, similarity?: SimilarityService | null): Promise<FactSuggestion[]> {
  const service = new StoryService(db, { similarity });
  await service.prepareLabel(factId);
  return service.suggest(factId, topK);
}
