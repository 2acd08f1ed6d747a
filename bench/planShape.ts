/** The JSON of `EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON)`, as far as planShape reads it. */
export type ExplainNode = {
  'Actual Loops'?: number
  'Actual Rows'?: number
  'Actual Total Time'?: number
  'CTE Name'?: string
  'Function Name'?: string
  'Index Name'?: string
  'Node Type': string
  'Parent Relationship'?: string
  Plans?: ExplainNode[]
  'Relation Name'?: string
  'Shared Hit Blocks'?: number
  'Shared Read Blocks'?: number
  'Subplan Name'?: string
}

export type Explain = { 'Execution Time'?: number; Plan: ExplainNode; 'Planning Time'?: number }

const describe = (node: ExplainNode) => {
  const target = node['Index Name'] ?? node['Relation Name'] ?? node['CTE Name'] ?? node['Function Name']
  const loops = node['Actual Loops'] ?? 1
  return [
    node['Subplan Name'] ? `${node['Subplan Name']}:` : '',
    node['Node Type'],
    target ? `on ${target}` : '',
    `rows=${node['Actual Rows'] ?? '?'}${loops > 1 ? ` loops=${loops}` : ''}`,
    node['Actual Total Time'] !== undefined ? `${node['Actual Total Time'].toFixed(1)} ms` : '',
  ]
    .filter(Boolean)
    .join(' ')
}

/**
 * A plan reduced to its shape: one line per node, indented by depth, with its node type, the
 * relation or index it reads, the rows it returned (per loop, as PostgreSQL reports them) and its
 * time; then the totals. Enough to see where a query's rows and time go without the full plan.
 */
export function planShape(explain: Explain): string[] {
  const lines: string[] = []
  const walk = (node: ExplainNode, depth: number) => {
    lines.push(`${'  '.repeat(depth)}${describe(node)}`)
    for (const child of node.Plans ?? []) walk(child, depth + 1)
  }
  walk(explain.Plan, 0)
  const root = explain.Plan
  lines.push(
    `planning ${explain['Planning Time']?.toFixed(1) ?? '?'} ms, execution ${explain['Execution Time']?.toFixed(1) ?? '?'} ms, ` +
      `shared buffers hit ${root['Shared Hit Blocks'] ?? '?'}, read ${root['Shared Read Blocks'] ?? '?'}`,
  )
  return lines
}
