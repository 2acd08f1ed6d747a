import type { Skill } from '../../../../payload-types'

/** Links to the skill pages of the populated skills; ids (unreadable skills) are left out. */
export function SkillLinks({ label, skills }: { label: string; skills: (number | Skill)[] | null | undefined }) {
  const list = (skills ?? []).filter((skill): skill is Skill => typeof skill === 'object' && Boolean(skill.slug))
  if (list.length === 0) return null
  return (
    <section aria-labelledby="skills-heading" className="skills">
      <h2 id="skills-heading">{label}</h2>
      <ul className="tags">
        {list.map((skill) => (
          <li key={skill.id}>
            <a href={`/skills/${skill.slug}`}>{skill.name}</a>
          </li>
        ))}
      </ul>
    </section>
  )
}
