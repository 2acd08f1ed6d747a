// The plugin's types alone, for a host that only describes its options.
export type {
  Embedder,
  FieldSource,
  QueryExpander,
  RelatedWord,
  RetrievalPluginOptions,
  SourceOptions,
  SourceRef,
} from '../types'
export type { RelatedDocument, RelatedMode, RelatedOptions } from '../neighbours/findRelatedDocuments'
export type { SearchHit, SearchMode, SearchOptions } from '../search/searchIndex'
