/** Shown on every page while draft mode is on, so an editor never mistakes a draft for the live site. */
export function PreviewBanner() {
  return (
    <div className="preview-banner" role="status">
      <p>
        Preview mode: drafts you may read are shown. <a href="/preview/exit">Exit preview</a>
      </p>
    </div>
  )
}

/** On a document page in preview, when the version shown is not published. */
export function DraftNote() {
  return (
    <p className="draft-note" role="note">
      Preview: this is a draft. Visitors do not see it.
    </p>
  )
}
