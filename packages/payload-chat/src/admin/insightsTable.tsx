import React, { type CSSProperties, type ReactNode } from 'react'

/** The insights view's look, shared by its sections: Payload's theme variables, plain tables. */
export const colours = {
  answered: 'var(--theme-elevation-400)',
  muted: 'var(--theme-elevation-500)',
  rule: 'var(--theme-elevation-150)',
  unanswered: 'var(--theme-warning-500)',
}

export const section: CSSProperties = { marginBottom: 'calc(var(--base) * 2.5)' }
export const heading: CSSProperties = { margin: '0 0 calc(var(--base) / 2)' }
export const note: CSSProperties = { color: colours.muted, margin: 0 }
export const cell: CSSProperties = {
  borderBottom: `1px solid ${colours.rule}`,
  padding: 'calc(var(--base) / 2.5) calc(var(--base) / 2)',
  textAlign: 'left',
  verticalAlign: 'top',
}
const headCell: CSSProperties = { ...cell, color: colours.muted, fontWeight: 500, whiteSpace: 'nowrap' }
export const numberCell: CSSProperties = { ...cell, textAlign: 'right', whiteSpace: 'nowrap' }

export function Table({ children, head, numeric = [] }: { children: ReactNode; head: string[]; numeric?: number[] }) {
  return (
    <div style={{ overflowX: 'auto' }}>
      <table style={{ borderCollapse: 'collapse', width: '100%' }}>
        <thead>
          <tr>
            {head.map((title, i) => (
              <th key={title} style={numeric.includes(i) ? { ...headCell, textAlign: 'right' } : headCell}>
                {title}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  )
}
