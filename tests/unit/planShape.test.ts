import { describe, expect, it } from 'vitest'

import { type Explain, planShape } from '../../bench/planShape'

describe('planShape', () => {
  it('gives one line per plan node, indented by depth, with what it reads, its rows, loops and time, then the totals', () => {
    const explain: Explain = {
      'Execution Time': 12.345,
      Plan: {
        'Actual Loops': 1,
        'Actual Rows': 10,
        'Actual Total Time': 12.2,
        'Node Type': 'Limit',
        Plans: [
          {
            'Actual Loops': 1,
            'Actual Rows': 1,
            'Actual Total Time': 0.04,
            'Node Type': 'Aggregate',
            'Parent Relationship': 'InitPlan',
            Plans: [
              {
                'Actual Loops': 1,
                'Actual Rows': 16,
                'Actual Total Time': 0.02,
                'Function Name': 'unnest',
                'Node Type': 'Function Scan',
              },
            ],
            'Subplan Name': 'InitPlan 1 (returns $0)',
          },
          {
            'Actual Loops': 1,
            'Actual Rows': 5643,
            'Actual Total Time': 8.21,
            'Node Type': 'Bitmap Heap Scan',
            Plans: [
              {
                'Actual Loops': 3,
                'Actual Rows': 1881,
                'Actual Total Time': 4.7,
                'Index Name': 'chunks_search_idx',
                'Node Type': 'Bitmap Index Scan',
              },
            ],
            'Relation Name': 'chunks',
          },
        ],
        'Shared Hit Blocks': 15766,
        'Shared Read Blocks': 3,
      },
      'Planning Time': 0.5,
    }
    expect(planShape(explain)).toEqual([
      'Limit rows=10 12.2 ms',
      '  InitPlan 1 (returns $0): Aggregate rows=1 0.0 ms',
      '    Function Scan on unnest rows=16 0.0 ms',
      '  Bitmap Heap Scan on chunks rows=5643 8.2 ms',
      '    Bitmap Index Scan on chunks_search_idx rows=1881 loops=3 4.7 ms',
      'planning 0.5 ms, execution 12.3 ms, shared buffers hit 15766, read 3',
    ])
  })
})
