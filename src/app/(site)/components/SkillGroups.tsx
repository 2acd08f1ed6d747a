import type { Skill } from '../../../../payload-types'

const titles: Record<string, string> = {
  cloud: 'Cloud',
  database: 'Databases',
  framework: 'Frameworks and runtimes',
  language: 'Languages',
  practice: 'Practices',
  'soft skill': 'Soft skills',
  tool: 'Tools',
}

export const categoryTitle = (category: string) => titles[category] ?? category

/** Skills under a heading per category, each linking to its page. */
export function SkillGroups({ groups }: { groups: { category: string; skills: Skill[] }[] }) {
  return (
    <div className="skill-groups">
      {groups.map((group) => (
        <div key={group.category}>
          <h3>{categoryTitle(group.category)}</h3>
          <ul className="tags">
            {group.skills.map((skill) => (
              <li key={skill.id}>
                <a href={`/skills/${skill.slug}`}>{skill.name}</a>
              </li>
            ))}
          </ul>
        </div>
      ))}
    </div>
  )
}
