import type { IndexedPage, RateLimitRule } from '@askfolio/payload-retrieval'
import type { Access, FieldAccess, Payload } from 'payload'

/** A passage the answer may cite, numbered as the answer cites it ([1], [2], …). */
export type ChatSource = {
  collection: string
  id: string
  /** 1-based: the number the answer uses to cite it. */
  index: number
  /** How a citation names it: the title, with the page for a passage from a PDF ("CV, page 3"). */
  label: string
  /** The page of the document's file the passage is on (PDF files); `url` then opens at it. */
  page?: number
  score: number
  snippet: string
  /** The passage itself, given to the model; never sent to the visitor. */
  text: string
  title: string
  url: string
}

export type ChatTurn = { answer: string; question: string }

export type ChatInput = { history: ChatTurn[]; question: string; sources: ChatSource[] }

/** Writes an answer from sources. Implementations: `createExtractiveChatModel`, `createOpenAIChatModel`. */
export type ChatModel = {
  /** Streams the answer's text, piece by piece. Stops when `signal` aborts. */
  generate: (input: ChatInput, options: { signal: AbortSignal }) => AsyncIterable<string>
  id: string
  /** Turns a follow-up ("what stack did it use?") into a question that stands alone, for retrieval. */
  rewrite?: (history: ChatTurn[], question: string, options: { signal: AbortSignal }) => Promise<string>
}

/** Where "Write an answer" puts the draft it makes from unanswered questions. */
export type AnswerCollection = {
  /** The draft's data, made from the questions (the first is the one asked most recently). */
  fromQuestions: (questions: string[]) => Record<string, unknown>
  /** A collection with drafts that the retrieval plugin indexes; the editor needs its create right. */
  slug: string
}

export type AnswerChecksOptions = {
  /**
   * Where "Write an answer" creates its draft. Without one, the insights offer no such button and
   * checks are written by hand.
   * @default undefined
   */
  answerCollection?: AnswerCollection
  /**
   * Whether this process runs `queue` itself (every minute); turn off where a separate worker runs the jobs.
   * @default retention.autoRun (true)
   */
  autoRun?: boolean
  /**
   * When every check runs on a schedule: a cron expression with seconds, in the server's time zone.
   * @default '0 0 5 * * *' (daily at 05:00)
   */
  cron?: string
  /**
   * The jobs queue the checks run on (after a publish and on `cron`).
   * @default 'chat'
   */
  queue?: string
}

export type ChatPluginOptions = {
  access: {
    /** Who may read chat sessions and messages (the insights). Nobody may change them through the API. */
    read: Access
    /**
     * Who may see which signed-in user started a session (a session records the user of the
     * config's `admin.user` collection when one is signed in). Default: nobody through the API.
     */
    readSessionUser?: FieldAccess
  }
  /** Origins whose pages may call the chat API (the widget on another site). The app's own origin always may. */
  allowedOrigins?: string[]
  /**
   * Answer checks (the `chat-checks` collection): questions the chat must answer by citing a given
   * document, run through the chat's own path after each publish (once the document is indexed), on
   * `cron`, and by the host's scripts (`runAnswerChecks`). Editors who may read the chat manage them.
   */
  checks?: AnswerChecksOptions
  /** Keep the collections; add no endpoints. */
  disabled?: boolean
  limits?: {
    /**
     * Bytes in the JSON body of a question or of feedback; larger bodies get 413 before they are read
     * to the end or parsed (by Content-Length, or counted as a chunked body arrives).
     * @default 65536 (64 KB)
     */
    bodyBytes?: number
    /**
     * Requests to `POST /api/chat/events` (the widget's page views, opens and clicks) per address.
     * @default { limit: 120, windowSeconds: 60 }
     */
    eventsPerIp?: RateLimitRule
    /** Tokens of earlier turns given to the model (estimated at four characters a token). Default 1,000. */
    historyTokens?: number
    /** Characters in one question. Default 2,000. */
    messageChars?: number
    /** Questions in one session. Default 50. */
    messagesPerSession?: number
    perIp?: RateLimitRule
    perSession?: RateLimitRule
  }
  model: ChatModel
  /**
   * The site's public origin, for absolute citation links. Never taken from the request (its Host
   * header is the visitor's to choose). Default: none, links are paths on the site.
   */
  publicUrl?: string
  retrieval?: {
    /** Passages given to the model at most. Default 4. */
    maxSources?: number
    /**
     * The high band: what counts as relevant enough to answer from. A passage is when its words cover
     * at least `minCoverage` of the question's weight (rare words weigh more; words the site never
     * uses count too), or `minTitleCoverage` when a word of the question is in its title or headings,
     * or when its meaning is at least `minSimilarity` close (cosine). The chat answers only when the
     * best hit is relevant. Defaults 0.5, 0.25 and 0.5 (tuned on a portfolio's evaluation
     * set of 60 questions).
     */
    minCoverage?: number
    minSimilarity?: number
    minTitleCoverage?: number
    /**
     * The middle band: with nothing relevant, pages whose words, counting stand-ins for the
     * question's words (synonyms, related words: the retrieval plugin's query expansion), cover at
     * least `minExpandedCoverage` are offered as links ("These pages may help"), up to `maxSuggestions`,
     * with no answer claimed. Below that, the chat says it does not know and records the question as
     * unanswered. Tuned on the same evaluation set.
     * @default 0.3 and 3
     */
    minExpandedCoverage?: number
    maxSuggestions?: number
  }
  /**
   * How long visitors' conversations are kept. A scheduled job deletes every session whose last
   * activity (its last message, or its start) is older than `days`, with its messages and feedback.
   * It runs on `queue`, which this plugin adds to `jobs.autoRun` unless `autoRun` is false; whatever
   * runs the jobs (a web process, a worker) must run that queue.
   */
  retention?: {
    /**
     * Whether this process runs `queue` itself (every minute); turn off where a separate worker runs the jobs or a test runs them.
     * @default true
     */
    autoRun?: boolean
    /**
     * Sessions deleted per round of the job.
     * @default 500
     */
    batchSize?: number
    /**
     * When the job runs: a cron expression with seconds, in the server's time zone.
     * @default '0 30 3 * * *' (daily at 03:30)
     */
    cron?: string
    /**
     * Days after its last activity that a session is deleted. `0` keeps conversations forever.
     * @default 180
     */
    days?: number
    /**
     * The jobs queue the job runs on.
     * @default 'chat'
     */
    queue?: string
  }
  /** Named in answers and in the system prompt. */
  siteName?: string
  /** The questions the widget offers before the first one (`GET /api/chat/suggestions`). */
  suggestions?: SuggestionOptions
  /**
   * What the chat says when it gives no answer of its own: `unanswered` (nothing relevant, the low
   * band) and `unsure` (the middle band, with the closest pages). `{site}` becomes `siteName`;
   * `{pages}`, the pages offered, each cited ("Clinic scheduler [1], Rota [2]"). The widget's own
   * texts are set on its script tag (`data-title`, `data-label`, `data-intro`).
   * @default { unanswered: "I don't know: I couldn't find anything about that on {site}.", unsure: "I'm not sure {site} answers that. These pages come closest: {pages}." }
   */
  texts?: { unanswered?: string; unsure?: string }
}

/**
 * The widget's empty state offers a few questions that fit the page it is on: those pinned on the
 * page's document, questions made from it (its title and headings, and the host's own), then those
 * pinned site-wide (the `chat-settings` global). Each is offered only when the chat would answer it
 * from the published content, which is checked when the list is made.
 */
export type SuggestionOptions = {
  /**
   * Seconds a page's questions are reused before they are made and checked again.
   * @default 30
   */
  cacheSeconds?: number
  /**
   * Collections whose documents may have questions pinned by their editors (a `suggestedQuestions`
   * field is added to each; it is published with the document).
   * @default []
   */
  collections?: string[]
  /**
   * Questions offered at most; 0 offers none.
   * @default 4
   */
  count?: number
  /**
   * More candidate questions for a document, tried before the built-in ones ("What is {title}?",
   * one per heading). A question made here is offered on the document's page only when the answer
   * would cite the document.
   * @default none
   */
  questionsFor?: (page: IndexedPage, args: { payload: Payload }) => Promise<string[]> | string[]
  /**
   * Who may change the site-wide questions. They show to every visitor, so this is a publishing right.
   * @default access.read
   */
  update?: Access
}
