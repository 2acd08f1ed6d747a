// The plugin's types alone, for a host that only describes its options.
export type { Embedder, FieldSource, QueryExpander, RelatedWord, RetrievalPluginOptions, SourceOptions } from '../types'
export type { SearchHit, SearchMode, SearchOptions } from '../search/searchIndex'
