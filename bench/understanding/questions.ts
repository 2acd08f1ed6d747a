/**
 * 60 visitor questions over the portfolio in site.ts, written before any tuning of query expansion or
 * confidence bands and not to be changed after:
 *
 *   - site (25): phrased with the target document's own key terms;
 *   - other (25): about one target document, in a visitor's everyday words, sharing no word stem with it
 *     (checked by checkSet.ts: no lexeme in common once question-frame words are set aside);
 *   - none (10): plausible questions that nothing on the site answers.
 *
 * target is the key of the document that answers the question (null for 'none').
 */

export type EvalQuestion = { id: string; part: 'site' | 'other' | 'none'; question: string; target: string | null }

export const questions: EvalQuestion[] = [
  // site: the target's own words
  { id: 's01', part: 'site', question: 'Where are you based, and are you freelance?', target: 'profile' },
  { id: 's02', part: 'site', question: 'Do you use TypeScript in strict mode?', target: 'skill:typescript' },
  { id: 's03', part: 'site', question: 'What do you use PostgreSQL and PostGIS for?', target: 'skill:postgresql' },
  {
    id: 's04',
    part: 'site',
    question: 'Why do you choose Django for back ends with lots of admin screens?',
    target: 'skill:django',
  },
  {
    id: 's05',
    part: 'site',
    question: 'Do your projects ship with a Dockerfile and a Compose file?',
    target: 'skill:docker',
  },
  { id: 's06', part: 'site', question: 'How long have you been using React and hooks?', target: 'skill:react' },
  {
    id: 's07',
    part: 'site',
    question: 'Do you audit against WCAG before every launch?',
    target: 'skill:accessibility',
  },
  {
    id: 's08',
    part: 'site',
    question: 'How did online booking reduce missed appointments at the physiotherapy clinics?',
    target: 'project:clinic-scheduler',
  },
  {
    id: 's09',
    part: 'site',
    question: 'How do teachers set homework in the planner, and what do pupils see?',
    target: 'project:homework-planner',
  },
  {
    id: 's10',
    part: 'site',
    question: 'How did click-and-collect handle the bakery Christmas orders?',
    target: 'project:bakery-preorders',
  },
  {
    id: 's11',
    part: 'site',
    question: 'How do volunteers sign up for night shelter shifts?',
    target: 'project:shelter-rota',
  },
  {
    id: 's12',
    part: 'site',
    question: 'How were the radio show transcripts made searchable?',
    target: 'project:radio-archive',
  },
  {
    id: 's13',
    part: 'site',
    question: 'How does dispatch work for the cargo-bike couriers?',
    target: 'project:courier-dispatch',
  },
  {
    id: 's14',
    part: 'site',
    question: 'How are the grids for the daily word puzzle generated?',
    target: 'project:word-puzzle',
  },
  {
    id: 's15',
    part: 'site',
    question: 'How do residents report potholes to the council?',
    target: 'project:street-reports',
  },
  { id: 's16', part: 'site', question: 'How do tool library members reserve items?', target: 'project:tool-library' },
  {
    id: 's17',
    part: 'site',
    question: 'How do the vineyard frost alerts wake the growers?',
    target: 'project:vineyard-frost',
  },
  {
    id: 's18',
    part: 'site',
    question: 'How does the smart meter dashboard flag homes at risk of damp?',
    target: 'project:tenant-energy',
  },
  {
    id: 's19',
    part: 'site',
    question: 'How are fixtures generated for the junior football league?',
    target: 'project:junior-league',
  },
  {
    id: 's20',
    part: 'site',
    question: 'How do you handle sync conflicts in offline-first apps?',
    target: 'post:offline-first',
  },
  {
    id: 's21',
    part: 'site',
    question: 'What did screen reader users teach you about forms?',
    target: 'post:accessible-forms',
  },
  {
    id: 's22',
    part: 'site',
    question: 'What was the daylight saving bug with the clinic appointments?',
    target: 'post:daylight-saving',
  },
  {
    id: 's23',
    part: 'site',
    question: 'How much does self-hosting OpenStreetMap tiles cost?',
    target: 'post:self-hosted-maps',
  },
  {
    id: 's24',
    part: 'site',
    question: 'Is PostgreSQL full-text search enough, or do I need Elasticsearch?',
    target: 'post:postgres-search',
  },
  { id: 's25', part: 'site', question: 'How do you hand over a project to the client?', target: 'post:handover' },

  // other: the same kind of question in a visitor's own words, no word stem shared with the target
  { id: 'o01', part: 'other', question: 'Have you made anything for hospitals?', target: 'project:clinic-scheduler' },
  {
    id: 'o02',
    part: 'other',
    question: 'Have you built anything that helps students keep track of their assignments?',
    target: 'project:homework-planner',
  },
  {
    id: 'o03',
    part: 'other',
    question: 'Have you worked with any food businesses?',
    target: 'project:bakery-preorders',
  },
  {
    id: 'o04',
    part: 'other',
    question: 'Have you built e-commerce for a retailer?',
    target: 'project:bakery-preorders',
  },
  { id: 'o05', part: 'other', question: 'Have you done anything for homeless people?', target: 'project:shelter-rota' },
  { id: 'o06', part: 'other', question: 'Have you worked on anything with audio?', target: 'project:radio-archive' },
  { id: 'o07', part: 'other', question: 'Do you have experience in logistics?', target: 'project:courier-dispatch' },
  {
    id: 'o08',
    part: 'other',
    question: 'Have you made software for managing a fleet of vehicles?',
    target: 'project:courier-dispatch',
  },
  { id: 'o09', part: 'other', question: 'Have you ever made a game?', target: 'project:word-puzzle' },
  {
    id: 'o10',
    part: 'other',
    question: 'Have you done anything for local government?',
    target: 'project:street-reports',
  },
  {
    id: 'o11',
    part: 'other',
    question: 'Have you built a way for neighbours to borrow things from each other?',
    target: 'project:tool-library',
  },
  {
    id: 'o12',
    part: 'other',
    question: 'Have you done anything in agriculture or farming?',
    target: 'project:vineyard-frost',
  },
  { id: 'o13', part: 'other', question: 'Have you worked with IoT devices?', target: 'project:vineyard-frost' },
  { id: 'o14', part: 'other', question: 'Have you built anything for renters?', target: 'project:tenant-energy' },
  {
    id: 'o15',
    part: 'other',
    question: 'Have you done anything to keep low-income families warm?',
    target: 'project:tenant-energy',
  },
  { id: 'o16', part: 'other', question: 'Have you done anything for youth soccer?', target: 'project:junior-league' },
  {
    id: 'o17',
    part: 'other',
    question: 'How do your apps cope when there is no internet?',
    target: 'post:offline-first',
  },
  {
    id: 'o18',
    part: 'other',
    question: 'How do you work with non-profits that have very little money?',
    target: 'post:small-charities',
  },
  {
    id: 'o19',
    part: 'other',
    question: "What do you do when you inherit someone else's messy software?",
    target: 'post:legacy-tests',
  },
  {
    id: 'o20',
    part: 'other',
    question: "What's your process at the beginning of a job?",
    target: 'post:discovery-week',
  },
  { id: 'o21', part: 'other', question: 'Do you offer ongoing maintenance?', target: 'post:handover' },
  { id: 'o22', part: 'other', question: 'Can you make phone apps?', target: 'skill:react-native' },
  {
    id: 'o23',
    part: 'other',
    question: 'Are your websites friendly to disabled users?',
    target: 'skill:accessibility',
  },
  { id: 'o24', part: 'other', question: 'Can you help clean up messy Excel files?', target: 'skill:python' },
  { id: 'o25', part: 'other', question: 'Which country do you live in?', target: 'profile' },

  // none: plausible, but nothing on the site answers them
  { id: 'n01', part: 'none', question: 'What is your salary expectation?', target: null },
  { id: 'n02', part: 'none', question: 'Have you worked with blockchain or cryptocurrency?', target: null },
  { id: 'n03', part: 'none', question: 'Do you manage Kubernetes clusters?', target: null },
  { id: 'n04', part: 'none', question: 'Have you built anything for a bank or an insurance company?', target: null },
  { id: 'n05', part: 'none', question: 'Which university did you study at?', target: null },
  { id: 'n06', part: 'none', question: 'Can you design a logo for my company?', target: null },
  { id: 'n07', part: 'none', question: 'What is your favourite football team?', target: null },
  { id: 'n08', part: 'none', question: 'Do you take on WordPress projects?', target: null },
  { id: 'n09', part: 'none', question: 'How many followers do you have on social media?', target: null },
  { id: 'n10', part: 'none', question: 'Have you worked for an airline or a travel agency?', target: null },
]
