// Compile-time check that search answers keep the shared API shapes (common/src/api/search.ts)
// the frontend reads: a field added, removed or retyped on either side fails `npm run typecheck`.
import type { SearchHit as SharedSearchHit, Suggestion as SharedSuggestion } from '@bookstore/common';
import type { SearchHit, Suggestion } from './service';

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;

export const searchHitMatchesSharedShape: Same<SearchHit, SharedSearchHit> = true;
export const suggestionMatchesSharedShape: Same<Suggestion, SharedSuggestion> = true;
