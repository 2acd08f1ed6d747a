/**
 * A fictional portfolio (Rosa Delgado, a freelance full-stack developer in Leeds) used to measure how well
 * the offline chatbot understands visitors' questions. 30 documents: the profile, 8 skills, 12 projects and
 * 9 blog posts. Written before any tuning of query expansion and not to be changed after; see questions.ts.
 */

export type EvalSkill = { key: string; name: string; category: string; level: string; description: string }
export type EvalProject = {
  key: string
  slug: string
  title: string
  summary: string
  description: string
  skills: string[]
}
export type EvalPost = { key: string; slug: string; title: string; excerpt: string; content: string; skills: string[] }
export type EvalProfile = { key: 'profile'; name: string; headline: string; location: string; bio: string }

export const profile: EvalProfile = {
  key: 'profile',
  name: 'Rosa Delgado',
  headline: 'Full-stack developer for clinics, schools, charities and councils',
  location: 'Leeds, United Kingdom',
  bio: `I'm a freelance full-stack developer based in Leeds. For the past eleven years I've built web and mobile software for organisations that don't usually get good software: physiotherapy clinics, a secondary school, small charities, a community radio station, a cargo-bike courier co-op and a couple of councils.

I started out in 2013 on the digital desk of a newspaper in Valencia, building election maps and interactive graphics on tight deadlines, and moved to Leeds in 2016 to join a small agency. I've been freelance since 2019, usually working directly with the people who run the organisation rather than through an agency. My usual stack is TypeScript and React on the front end, Django on the back end and PostgreSQL underneath, deployed in Docker containers.

I care about software that still works on a bad connection, on a cheap phone and with a screen reader, and that the client's own staff can look after once I've gone. I work in English and Spanish. When I'm not at a keyboard I'm usually on a bike somewhere in the Dales.`,
}

export const skills: EvalSkill[] = [
  {
    key: 'skill:typescript',
    name: 'TypeScript',
    category: 'language',
    level: 'expert',
    description:
      'My default language for anything that runs in a browser or on Node.js since 2017. I use strict mode everywhere, share types between front end and back end, and lean on discriminated unions so impossible states cannot be represented.',
  },
  {
    key: 'skill:python',
    name: 'Python',
    category: 'language',
    level: 'advanced',
    description:
      'My language for data work: ETL jobs, scripts that tidy up exports from old systems, and Django back ends. I reach for pandas when a charity sends me 40,000 rows in a spreadsheet.',
  },
  {
    key: 'skill:react',
    name: 'React',
    category: 'framework',
    level: 'expert',
    description:
      'Eight years of React, from class components to hooks and server components. Most of my front ends are React with TanStack Query and CSS modules, kept deliberately light so they run well on cheap phones.',
  },
  {
    key: 'skill:react-native',
    name: 'React Native',
    category: 'framework',
    level: 'advanced',
    description:
      'Three shipped apps for iOS and Android, two of them used daily by couriers and volunteers with patchy signal. I build them offline-first, with a local SQLite store and background sync.',
  },
  {
    key: 'skill:django',
    name: 'Django',
    category: 'framework',
    level: 'advanced',
    description:
      'My choice for back ends with lots of staff-facing screens: the built-in admin saves weeks when reception or volunteers need to edit records. Comfortable with Django REST Framework, Celery and tricky data migrations.',
  },
  {
    key: 'skill:postgresql',
    name: 'PostgreSQL',
    category: 'database',
    level: 'expert',
    description:
      'Every project I have built since 2015 keeps its data in PostgreSQL. I use PostGIS for maps, built-in full-text search for catalogues and archives, exclusion constraints against double bookings, and row-level security for multi-tenant apps.',
  },
  {
    key: 'skill:docker',
    name: 'Docker',
    category: 'tool',
    level: 'advanced',
    description:
      'Every project ships with a Dockerfile and a Compose file so a new developer can run it with one command. I deploy containers to small virtual servers at Hetzner and to Fly.io, with nightly backups kept outside the container.',
  },
  {
    key: 'skill:accessibility',
    name: 'Accessibility',
    category: 'practice',
    level: 'advanced',
    description:
      'I test with NVDA, VoiceOver and keyboard only, and audit against WCAG 2.2 AA before every launch. Public-sector clients require it, and it makes everything better for everyone else too.',
  },
]

export const projects: EvalProject[] = [
  {
    key: 'project:clinic-scheduler',
    slug: 'clinic-scheduler',
    title: 'Online appointment booking for Kinetic Clinics',
    summary:
      'Appointment scheduling for a group of six physiotherapy clinics in West Yorkshire, replacing phone-only booking with online slots and reminder texts.',
    description: `Kinetic Clinics runs six physiotherapy practices across Leeds, Bradford and Wakefield. Until 2022 every appointment was booked by phone, and the receptionists spent most mornings answering calls while the diary lived in a shared spreadsheet.

## What I built
A booking site where patients pick a clinic, a physiotherapist and a 30- or 45-minute slot, plus a Django back office where reception staff move, cancel and block out appointments. Therapists set their own working patterns (including the Tuesday-evening sessions in Bradford), and the system works out free slots from those patterns, existing bookings and bank holidays. Reminder texts go out 48 hours and 2 hours before each appointment through Twilio, with a one-tap link to cancel or rebook.

## Hard parts
Double bookings were the main fear. Slots are claimed inside a PostgreSQL transaction with an exclusion constraint on the therapist's time range, so two patients clicking the same 9:15 slot can never both win. Daylight saving time caused one memorable bug, which I wrote up separately.

## Results
In the first year 71% of appointments were booked online, missed appointments fell from 11% to 6% thanks to the reminders, and the clinics no longer needed a temporary receptionist for the January rush. Patients who still prefer to call get through faster, because reception is no longer tied up with routine bookings.`,
    skills: ['TypeScript', 'React', 'Django', 'PostgreSQL'],
  },
  {
    key: 'project:homework-planner',
    slug: 'homework-planner',
    title: 'Homework planner for Calder Valley Academy',
    summary:
      'A homework and coursework planner used by 1,100 pupils, their teachers and their parents at a secondary school in Halifax.',
    description: `Calder Valley Academy wanted one place where pupils could see every piece of homework, where teachers could set it in under a minute, and where parents could check without phoning the school office.

## Setting and handing in
Teachers set tasks against a class and a due date, attach worksheets, and mark them as done, late or missing. Pupils see a week view ordered by deadline, tick tasks off, and upload photos of written work from their phones. The timetable and class lists sync nightly from the school's management information system over its CSV export, which was less elegant than an API but far more reliable.

## Designing for teenagers and tired parents
Year 7 pupils tested every screen in two lunchtime sessions. They hated anything that looked like a form, so the week view became a set of big cards you can swipe. Parents get a single Sunday-evening email per child rather than a notification for every task. The whole planner meets WCAG 2.2 AA, which mattered because several pupils use screen readers or magnification.

## Results
After one term, 94% of pupils had logged in at least weekly, and the number of 'I didn't know it was due' conversations reported by heads of year roughly halved. The school now uses it for coursework deadlines in Years 10 and 11 as well, and the maths department sets its weekly practice through it.`,
    skills: ['TypeScript', 'React', 'Django', 'Accessibility'],
  },
  {
    key: 'project:bakery-preorders',
    slug: 'bakery-preorders',
    title: 'Click-and-collect for Crumb & Co. bakeries',
    summary:
      'Online pre-ordering and click-and-collect for a family-run chain of four bakeries, built in six weeks before Christmas 2021.',
    description: `Crumb & Co. sells sourdough, pastries and celebration cakes from four shops in Harrogate and York. Their Christmas orders used to be written in a paper book at each counter, and every year a few hundred mince pies went to the wrong branch.

## The ordering flow
Customers choose a shop, a collection day and a time window, then add loaves, pastries or a cake with a custom message. Each product has a daily bake limit per shop, so the site stops taking orders for cinnamon buns once the ovens are spoken for. Payment goes through Stripe Checkout, and staff can take a phone order on the same screen.

## The bakery side
At 4 a.m. each shop prints a bake sheet: how many of each loaf to make, grouped by dough. At the counter, staff search by surname or order number and mark orders as collected on a cheap Android tablet. Stock limits and opening hours are edited by the owners on a simple admin page, not by me.

## Results
The first December took 3,800 orders worth £96,000 with no wrong-branch collections. Queues on Christmas Eve dropped from 40 minutes to under 10, and the owners kept the system for everyday orders afterwards, where it now handles about 18% of weekday sales.`,
    skills: ['TypeScript', 'React', 'PostgreSQL', 'Docker'],
  },
  {
    key: 'project:shelter-rota',
    slug: 'shelter-rota',
    title: 'Volunteer rota for a winter night shelter',
    summary:
      'Shift sign-up, swaps and check-in for Northern Lights, a charity that runs a winter night shelter for people sleeping rough in Leeds.',
    description: `Every winter Northern Lights opens a 20-bed night shelter in a church hall from November to March, staffed entirely by volunteers: three per evening shift, two overnight and two for breakfast. Coordinating 260 volunteers used to take the coordinator two days a week of phone calls and a colour-coded spreadsheet.

## Sign-up and swaps
Volunteers see open shifts on a calendar and claim them, with rules the charity cares about: every overnight shift needs at least one person with safeguarding training, and new volunteers are always paired with someone experienced for their first three shifts. If someone can't make a shift, they offer it for a swap; the system emails volunteers who have said they are free that night, and the first to accept takes it.

## Gaps and check-in
Three days ahead, the coordinator gets a list of shifts that are short, ranked by how risky the gap is: an empty overnight slot matters more than a missing breakfast volunteer. Texts go to volunteers 24 hours before. On the night, a small React Native app on a tablet at the door records who actually turned up, which the charity reports to its funders; it works without Wi-Fi, because the church hall has none.

## Results
In the first winter, unfilled shifts fell from 14% to 3%, and the coordinator's rota work went from two days a week to about three hours. The code is open source, and two other shelters, in Sheffield and Hull, now run their own copies.`,
    skills: ['Python', 'Django', 'PostgreSQL', 'React Native'],
  },
  {
    key: 'project:radio-archive',
    slug: 'radio-archive',
    title: 'Programme archive for Ridings Radio',
    summary:
      'A searchable online archive of 14 years of recorded shows for a community radio station, with machine-made transcripts and shareable clips.',
    description: `Ridings Radio has broadcast from a converted shop in Huddersfield since 2009. Its volunteers had recorded almost every show, about 9,000 hours in all, onto a pile of external hard drives that nobody could search.

## From hard drives to an archive
I wrote Python scripts to deduplicate the recordings (some years existed in three copies), even out loudness, and match files to the station's old schedule spreadsheets, so each recording got a show name, a presenter and a date. Everything now sits in object storage and streams to listeners in 10-minute segments.

## Transcripts, search and clips
Every show was transcribed with Whisper on a rented GPU over one long weekend, for about £340. Transcripts are indexed with PostgreSQL full-text search, so a listener can search for 'flood 2012' or a band's name and jump straight to the minute it was mentioned. Presenters can correct transcripts in the Django admin, and corrections are re-indexed within a minute.

Any listener can select up to 90 seconds of a show and share it as a link with a waveform preview. Clips have become the station's main way of promoting its shows on social media.

## Results
The archive gets about 2,500 listens a month, half of them to shows more than five years old, and it helped the station win a National Lottery heritage grant in 2023.`,
    skills: ['Python', 'Django', 'PostgreSQL', 'React'],
  },
  {
    key: 'project:courier-dispatch',
    slug: 'courier-dispatch',
    title: 'Cargo-bike dispatch for Pedal Post',
    summary:
      "Dispatch, route planning and a riders' app for Pedal Post, a cargo-bike courier co-op in Leeds that delivers parcels for independent shops.",
    description: `Pedal Post is a worker-owned cooperative of 22 riders who deliver parcels, prescriptions and restaurant orders across central Leeds by cargo bike. Jobs used to be dispatched over a WhatsApp group, and the dispatcher kept the day's plan in her head.

## Dispatch
Shops book a pickup through a web form, or through an API that two of them call from their online stores. The dispatcher sees every open job on a map and drags it onto a rider; the system suggests an order of stops using the OSRM routing engine with a cycling profile, so it knows about the canal towpath and the one-way streets that bikes are exempt from.

## The riders' app
Riders use a React Native app that shows their next stops, turn-by-turn directions, and a photo-and-signature proof of delivery. Central Leeds has patchy signal in underpasses and the market, so the app works offline and syncs when it can (more on that in my offline-first post).

## Results
Average deliveries per rider per shift went from 11 to 16, mostly because riders stopped doubling back across the city centre. Customers get a live tracking link, which cut 'where is my parcel' calls by about two thirds. The co-op now takes on contracts it used to turn down, including a daily run for a pharmacy chain.`,
    skills: ['TypeScript', 'React Native', 'PostgreSQL', 'Docker'],
  },
  {
    key: 'project:word-puzzle',
    slug: 'word-puzzle',
    title: 'Letterbox: a daily word puzzle',
    summary: "A daily word puzzle for a regional newspaper's website, with about 30,000 players a day at its peak.",
    description: `In 2022 the Yorkshire Evening Courier asked me for something that would bring readers back to their site every day. Letterbox gives you a 5-by-5 grid of letters each morning; you find as many words as you can in three minutes, and the longest word you missed is revealed at midnight.

## Making it feel fair
Puzzles are generated ahead of time from a dictionary of 48,000 words, with rude and obscure ones removed by hand (the sub-editors supplied a long list of Yorkshire slang to keep in). Every grid must contain at least one seven-letter word and 40 findable words, and a script rejects grids that are too hard for the first week of each month's difficulty curve.

## Streaks, sharing and speed
Players keep a streak stored in local storage, with an optional account to carry it across devices. The share button produces a spoiler-free row of coloured squares, which turned out to be the main source of new players.

The page is 38 KB of JavaScript, loads in under a second on a mid-range phone, and works with a keyboard or a screen reader, with found words announced as you go.

## Results
Letterbox peaked at 31,000 daily players in its second month and still averages about 12,000. The newspaper says it is the single biggest reason readers return to the site more than four times a week.`,
    skills: ['TypeScript', 'React'],
  },
  {
    key: 'project:street-reports',
    slug: 'street-reports',
    title: 'StreetFix: street reports for Kirklees Council',
    summary:
      'A service for residents to report potholes, broken streetlights and fly-tipping to their council with a photo and a map pin, replacing a 14-question web form.',
    description: `Kirklees Council received about 22,000 street reports a year through a long web form and a phone line, and a third of them were duplicates or went to the wrong team.

## Reporting in under a minute
Residents drop a pin on a map or use their phone's position, choose what is wrong from pictures (pothole, streetlight, fly-tipping, blocked drain, graffiti), add a photo and, if they like, an email address for updates. The map shows existing reports nearby, so someone about to report the same pothole can add a 'me too' instead.

## Getting it to the right team
PostGIS works out which ward and which contractor area the pin falls in, and whether the road is council-maintained or a motorway. Reports are sent to the council's existing works system through its SOAP interface, which took longer to integrate than everything else combined.

## Standards and results
The service passed a GOV.UK-style service assessment and meets WCAG 2.2 AA. We tested with residents in two libraries and a community centre, including several people who had never reported anything online before.

Duplicates dropped from 33% to 9% of reports, and the average time to fix a category-one pothole went from 19 days to 8, partly because the crews now get photos with exact coordinates.`,
    skills: ['Django', 'PostgreSQL', 'React', 'Accessibility'],
  },
  {
    key: 'project:tool-library',
    slug: 'tool-library',
    title: 'Lending system for the Chapeltown Tool Library',
    summary:
      'Membership, reservations and loans for a community tool library that lends out 900 drills, ladders, sewing machines and camping kit.',
    description: `The Chapeltown Tool Library lends out everything from hammer drills and wallpaper steamers to tents and a chocolate fountain, to about 1,400 members who pay what they can. Loans were tracked on paper tags and a Google Sheet that had grown to 31 tabs.

## Catalogue and reservations
Members browse the catalogue online, see what is in and what is out, and reserve an item for a Saturday collection. Each item has photos, a safety note and its condition history, so volunteers can spot the jigsaw that keeps coming back with a bent blade.

## The counter
On Saturdays volunteers check items in and out by scanning a QR label with any phone; the page works as a web app with nothing to install. Late returns get a friendly reminder after one day and a phone call from a volunteer after a week. There are no fines, by the library's choice.

## Membership and results
Membership is pay-what-you-can with a suggested £20 a year, collected through GoCardless. The system records which tools go out most often, which the library quotes in its funding bids: in 2023 members avoided an estimated £86,000 of purchases of things they would use once.

Loans grew from about 60 to 210 a month within a year, mostly because members could finally see what was available without coming in.`,
    skills: ['TypeScript', 'React', 'Django', 'PostgreSQL'],
  },
  {
    key: 'project:vineyard-frost',
    slug: 'vineyard-frost',
    title: 'Frost alerts for Ryedale Vineyards',
    summary:
      'Sensor dashboards and overnight frost alerts for three vineyards in North Yorkshire, so the growers know when to light the frost candles.',
    description: `English vineyards can lose a whole harvest to a single spring frost. Ryedale Vineyards grows pinot noir and chardonnay on 40 acres across three sites, and until 2021 someone drove round at 3 a.m. with a thermometer on cold nights in April and May.

## Sensors and dashboard
We put 26 LoRaWAN temperature and humidity sensors among the vines, mostly in the low spots where cold air pools. They report every five minutes through The Things Network to a small Python service that stores the readings in PostgreSQL with TimescaleDB. A TypeScript dashboard shows each block of vines on an aerial photo, coloured by temperature, with history going back to the first season. The growers use it after the frost season too, to decide where to plant new rows.

## Alerts that wake the right person
When any sensor drops below 1°C and the forecast says it is still falling, the on-call grower gets a phone call from Twilio that keeps ringing until they press 1. Below 0°C it calls the second person too. We tuned the thresholds over two springs, so false alarms are down to about one a month.

## Results
In the frost of late April 2024 the team lit candles in exactly the four blocks that needed them, and the vineyard estimates it saved about 60% of those blocks' crop, roughly £70,000 worth of wine.`,
    skills: ['Python', 'TypeScript', 'PostgreSQL', 'Docker'],
  },
  {
    key: 'project:tenant-energy',
    slug: 'tenant-energy',
    title: 'Home energy dashboard for Aire Homes tenants',
    summary:
      'Smart meter readings turned into plain advice for the tenants of a housing association, with homes at risk of damp or fuel poverty flagged to tenancy officers.',
    description: `Aire Homes is a housing association with about 3,000 homes in Leeds and Keighley. After the 2022 price rises, its tenancy officers were seeing more tenants who could not afford to heat their homes, and more homes with damp and mould, which often go together.

## Readings into advice
With each tenant's consent, the system pulls half-hourly gas and electricity readings from their smart meter through a licensed provider. Every tenant gets a simple weekly page: what they used, what it cost, and how that compares with similar homes on the same estate. The advice is specific, such as 'your heating runs all night on Tuesdays', rather than generic tips.

## Spotting homes at risk
Homes where usage falls sharply in midwinter are flagged to a tenancy officer, because that usually means someone has stopped heating to save money, which is when damp sets in. Officers see a prioritised list, not a wall of charts, and record what they did: a visit, a referral to the hardship fund or a boiler repair.

## Privacy and results
Consent is opt-in and can be withdrawn in one click, and officers only ever see a flag and a weekly total, never half-hourly detail. The data protection impact assessment was written with the association's data protection officer before any code.

1,150 tenants opted in during the first year. Officers made 240 visits from flags, and the association says it reached 60 tenants in difficulty who had not asked for help.`,
    skills: ['Python', 'Django', 'React', 'PostgreSQL'],
  },
  {
    key: 'project:junior-league',
    slug: 'junior-league',
    title: 'Fixtures and results for the Airedale Junior Football League',
    summary:
      'Fixtures, results and player registration for a junior football league with 140 teams from under-7s to under-16s.',
    description: `The Airedale Junior Football League organises Saturday and Sunday matches for about 2,300 players in 140 teams. Its fixtures secretary built each season's schedule in Excel over three weekends, and results arrived by text message, often days late.

## Fixtures
The fixture generator takes each age group's teams, their home pitches, pitch availability and rules such as 'no club plays two age groups at home on the same pitch at the same time', and builds a season's fixtures in about ten seconds with a constraint solver (OR-Tools, called from Python). When a match is postponed because of a waterlogged pitch, the secretary can ask it for the next free slot that suits both clubs.

## Scores, tables and registration
Managers enter scores from the touchline on their phones. For under-11s and below there are no league tables, by FA rules, so the site only shows results; from under-12s up it shows tables and top scorers.

Players are registered by a parent, who records consent for photos and any medical notes, visible only to the team's coaches. Every coach's DBS check date is tracked, and clubs are emailed a month before one expires.

## Results
A season's fixtures now take an afternoon instead of three weekends, 92% of results are in within two hours of the final whistle, and the league has not had a match with an unchecked coach since launch.`,
    skills: ['TypeScript', 'React', 'Django', 'Python'],
  },
]

export const posts: EvalPost[] = [
  {
    key: 'post:offline-first',
    slug: 'offline-first',
    title: 'Offline-first is a data model, not a feature',
    excerpt:
      'What I learned building two React Native apps that have to keep working in underpasses and church halls with no signal.',
    content: `## The mistake I made first
On my first mobile project I treated 'no connection' as an error: show a spinner, retry, and eventually a sad message. But riders at Pedal Post were standing in an underpass with a parcel and a customer waiting. An error screen was not acceptable; the app had to carry on as if nothing had happened.

## Local database first, server second
The rule I follow now is that the app only ever reads from and writes to a local SQLite database on the device. A separate sync process moves changes to and from the server whenever there is signal. The screens never know or care whether they are online. Up front this is more work, but it removes a whole class of loading states and half-finished requests.

## Conflicts are a product question
When two devices change the same record while apart, someone has to decide who wins. For delivery status the answer was easy: 'delivered' beats anything else, whatever the timestamps say. For the night shelter's check-in list it was harder, and we ended up keeping both versions and asking the coordinator. I now ask clients about conflicts in the first week, with real examples, instead of discovering them in testing.

## Practical details
- Give every record a client-generated UUID so it can be created offline.
- Keep an outbox table of pending changes and send them in order, idempotently.
- Show people what hasn't synced yet. A small 'three deliveries waiting to upload' badge builds more trust than a green tick that lies.
- Test on a real phone in a real basement, not only with the network throttle in the browser's developer tools.

## Was it worth it?
Yes. Support requests about 'lost' deliveries went to nearly zero, and both apps work on the cheapest Android phones the organisations could buy.`,
    skills: ['React Native', 'TypeScript'],
  },
  {
    key: 'post:accessible-forms',
    slug: 'accessible-forms',
    title: 'What screen reader users taught me about forms',
    excerpt:
      'Lessons from paying six screen reader users to test the StreetFix reporting form and the homework planner, and the five changes that came out of it.',
    content: `## Why test with real people
Automated checkers such as axe and Lighthouse are useful, but in my experience they catch perhaps a third of the problems. For StreetFix I paid six screen reader users, recruited through a sight loss charity, £40 an hour to report a pothole while I watched. Every session found something the tools had passed.

## 1. Every field needs a real label
Placeholder text disappears as soon as you type, and screen readers announce it inconsistently. Every input now has a visible label tied to it, and hints sit in a separate element linked with aria-describedby.

## 2. Errors must be announced
Our first version turned invalid fields red and did nothing else. Sighted testers noticed; screen reader users submitted the form four times. Now an error summary appears at the top, receives focus and links to each field, following the GOV.UK pattern.

## 3. Maps need a text alternative
Dropping a pin is impossible without sight. The reporting form offers 'Enter a street name or postcode instead', which is now used by 18% of all residents, not only blind ones.

## 4. Custom widgets are rarely worth it
The homework planner had a beautiful custom date picker. It was unusable with VoiceOver. We replaced it with three plain inputs for day, month and year, and nobody missed the picker.

## 5. Time limits hurt
The council's old form logged you out after ten minutes. Several testers needed longer to write a description, so sessions now last two hours and drafts are saved as you type.

## What it cost
Six sessions, about £900 including incentives, and two days of fixes. It was the best money spent on the project.`,
    skills: ['Accessibility', 'React'],
  },
  {
    key: 'post:daylight-saving',
    slug: 'daylight-saving',
    title: 'The week every appointment moved by an hour',
    excerpt:
      'How the clocks going back in October shifted a week of physio appointments at Kinetic Clinics, and the rules I now follow for dates and times.',
    content: `## The bug
On the Monday after the clocks went back in October 2022, reception at Kinetic Clinics started getting calls from patients who had turned up an hour early. Their reminder texts said 8:15; the therapists' diaries said 9:15. By lunchtime we had found 340 affected appointments across all six clinics.

## What went wrong
Therapists' weekly working patterns ('Mondays, 9:00 to 17:00') had been saved as UTC times when the system went live in the summer. That is fine in June, when 9:00 in London is 08:00 UTC. After the switch to GMT, the same 08:00 UTC meant 8:00 on the wall clock, and the slot generator happily offered 8:00 and sent reminders for the wrong hour. The bookings themselves were correct; only the patterns and the reminder template were wrong, which made it confusing to debug.

## The fix
Recurring patterns are now stored as local wall-clock times with the clinic's zone name, Europe/London, and expanded into concrete slots with Python's zoneinfo. Appointments are stored as timestamptz in PostgreSQL, and the reminder template formats times in the clinic's zone, never the server's. A test generates slots across both transitions for every year until 2040.

## Rules I follow now
- Store instants (an appointment at a moment in time) in UTC, with a proper timestamp type.
- Store intentions (every Monday at 9) as local time plus a zone name.
- Format for humans at the last possible moment, in the zone of the place, not the user's browser or the server.
- Put the two clock-change weekends in your test suite, and in your calendar.

## Aftermath
Reception phoned every affected patient that morning, nobody was charged for a missed session, and the clinics kindly kept me on for the next phase.`,
    skills: ['PostgreSQL', 'Python', 'Django'],
  },
  {
    key: 'post:small-charities',
    slug: 'small-charities',
    title: 'Building for small charities on a shoestring',
    excerpt:
      'Small charities have tiny budgets, volunteer staff and no IT department. Here is how I scope and build projects so they keep going after I leave.',
    content: `## Start smaller than you think
Most charities I work with have a single grant of between £8,000 and £30,000 for the whole project, often with a deadline set by the funder rather than by the work. So the first conversation is about the one job that hurts most. For Northern Lights it was filling overnight shifts, not the training records, the donor database or the newsletter they also mentioned.

## Boring technology, cheap hosting
Everything runs on one small virtual server for about £15 a month: Django, PostgreSQL and a nightly backup to a second provider, all in Docker Compose. No message queues, no microservices, no serverless functions with surprise invoices. A trustee should be able to understand the hosting bill.

## Design for volunteers
The people using the system change every few months and may use it once a week. I assume nobody will read a manual, so every screen has to explain itself, and the admin uses the charity's own vocabulary ('rota', 'guest', 'shift lead') rather than mine.

## Open source by default
Charities pay for the work from grants meant for public benefit, so I ask to publish the code under an open licence. The night shelter rota is now used by two more shelters, who pay nothing for it, and one of them contributed a Welsh translation.

## Leave them able to carry on
Before I finish, a staff member or volunteer learns the three things that will certainly come up: add a user, change a setting and restore a backup. I write those down as a one-page guide with screenshots, and for charities I stay on call for small fixes for six months rather than my usual three.

## What I say no to
I turn down projects where the charity has no one, paid or unpaid, who will own the system after launch. It is kinder to say so early than to leave them with software nobody can look after.`,
    skills: ['Django', 'Docker', 'PostgreSQL'],
  },
  {
    key: 'post:legacy-tests',
    slug: 'legacy-tests',
    title: 'Adding tests to a Django codebase nobody dared touch',
    excerpt:
      'How I took over an untested eight-year-old Django project for a training provider and got it to 70% coverage without pausing feature work.',
    content: `## The situation
In 2023 a training provider that runs apprenticeship courses asked me to take over their course booking platform. It was eight years old, had been written by three agencies in turn, and had 140,000 lines of Python and exactly four tests, two of which failed. Every release broke something, so releases had more or less stopped.

## Characterisation tests first
I did not start by writing 'proper' unit tests. I started by pinning down what the system currently did, right or wrong. I recorded a week of real requests from the staging logs, replayed them against a copy of production data, and saved the responses as snapshots. About 600 of these golden-master tests gave me a safety net within the first fortnight.

## Factories, not fixtures
The old JSON fixtures were 9 MB and nobody knew what was in them. I replaced them gradually with factory_boy factories, so each test builds only the learners, courses and invoices it needs.

## Test where you change
I never set aside 'testing sprints'. Every bug fix starts with a failing test, and every feature adds tests for the code around it. Coverage rose from 1% to 70% in nine months, mostly in the parts that change often; some corners are still untested, and that is fine.

## Make it fast
A test suite people avoid running is worthless. Moving to pytest-django with a reused database, running in parallel with pytest-xdist, took the suite from 14 minutes to 95 seconds.

## The payoff
The provider went from one nervous release a quarter to releases twice a week, and their bug reports fell by about 60% over the year.`,
    skills: ['Django', 'Python', 'PostgreSQL'],
  },
  {
    key: 'post:self-hosted-maps',
    slug: 'self-hosted-maps',
    title: 'Maps without a monthly bill: self-hosting OpenStreetMap tiles',
    excerpt:
      'Why I moved StreetFix and Pedal Post off a commercial map API onto self-hosted vector tiles, and what that costs.',
    content: `## The bill that started it
In 2023 the map provider behind StreetFix changed its pricing. At roughly 400,000 map loads a month, the council's bill would have gone from zero to about £1,100 a month. Pedal Post's dispatch map had the same problem on a smaller scale.

## The setup
Both projects now use vector tiles built from OpenStreetMap data with Planetiler, which turns the Great Britain extract into a single PMTiles file of about 1.6 GB in 25 minutes on my laptop. The file sits in object storage behind a CDN, and MapLibre GL in the browser requests only the byte ranges it needs. There is no tile server to run at all.

## Styling
I started from the OpenMapTiles Positron style and made it quieter still, so that potholes and parcels stand out. Labels use the council's own typeface, and the colours pass contrast checks against the pins.

## Keeping it fresh
A scheduled GitHub Actions workflow rebuilds the tiles each month in a Docker container and swaps the file. New roads appear within a few weeks, which is good enough for potholes and deliveries.

## What it costs
Storage and CDN traffic for both projects come to about £9 a month. The rebuild runs on free CI minutes. Geocoding, turning a postcode into a point, was the part I could not self-host cheaply: StreetFix uses the Ordnance Survey Places API under the public sector agreement, and Pedal Post uses Nominatim.

## When not to do this
If you need satellite imagery or live traffic, a commercial provider still makes sense. For a map with pins on it, a single static file is hard to beat.`,
    skills: ['Docker', 'TypeScript', 'PostgreSQL'],
  },
  {
    key: 'post:discovery-week',
    slug: 'discovery-week',
    title: 'Before any code: how I run a discovery week',
    excerpt:
      'The first week of every project is spent with the people who will use the thing, not in an editor. Here is what that week looks like and why it pays for itself.',
    content: `## Why a week
Most failed projects I have seen did not fail on technology. They failed because the thing built solved a problem that someone senior believed in and nobody on the front line had. A week is short enough for a small organisation to afford and long enough to see a normal day, a busy day and a bad day.

## Monday and Tuesday: watch
I sit with the people who will use the system and watch them work. At Kinetic Clinics I spent a morning on reception and learned more about rescheduling than in three meetings. At Pedal Post I rode along for a shift on a cargo bike of my own. I take notes on paper and ask 'what happens next?' a lot.

## Wednesday: map it
I draw the current way of working as a wall of sticky notes, including the workarounds: the spreadsheet nobody admits to, the WhatsApp group, the note stuck to the monitor. Then we mark the steps that cause the most pain, by how often they happen and what they cost.

## Thursday: sketch and test
I make paper or clickable sketches of two or three options and put them in front of the people who will use them, not their managers. Year 7 pupils at Calder Valley rejected my first homework screen in about eight seconds.

## Friday: write it down
The week ends with a short document: the problem in the users' words, what we will build first, what we will not build, how we will know it worked, and a rough estimate. Sometimes the answer is to build nothing; one charity found that a £6-a-month scheduling service did what they needed, and I was glad to tell them.

## What it changes
Estimates after a discovery week have been far more accurate, and I have not yet had a project where the first release missed the point entirely.`,
    skills: [],
  },
  {
    key: 'post:postgres-search',
    slug: 'postgres-search',
    title: "You probably don't need Elasticsearch",
    excerpt:
      "PostgreSQL's built-in full-text search has been enough for every catalogue and archive I've built, from radio transcripts to a tool library.",
    content: `## The default reflex
When a project needs search, the reflex is to add Elasticsearch or a hosted search service. That means another server to run, another copy of the data to keep in sync, and another bill. For the sizes I work with, from 900 tool library items to 9,000 hours of radio transcripts, PostgreSQL does the job on its own.

## What Postgres gives you
A tsvector column, generated from the fields you care about and weighted so that titles count for more than body text, plus a GIN index. Queries go through websearch_to_tsquery, which understands quotes and minus signs the way people expect, and ts_rank orders the results. On the Ridings Radio archive, about 60 million words, a typical search returns in under 40 ms on a £20-a-month server.

## Typos and partial words
Full-text search matches stems, not misspellings. The pg_trgm extension covers that: a trigram index on titles and names lets 'chainsaw' find 'chain saw' and 'Huddersfeld' find 'Huddersfield'. I run the full-text query first and fall back to trigram similarity when it finds nothing.

## Keeping it in sync
Because the index lives in the same database, it updates in the same transaction as the data. There is no sync job that can fall behind, which is the cause of most search bugs I have been asked to fix elsewhere.

## When I would reach for something else
If you need faceted search over millions of products, many languages at once, or relevance tuning by a dedicated team, a search engine earns its keep. For a charity's catalogue or a radio station's archive, that day rarely comes.`,
    skills: ['PostgreSQL', 'Django'],
  },
  {
    key: 'post:handover',
    slug: 'handover',
    title: 'How I hand over a project',
    excerpt:
      "Freelance work ends. The client's team has to run what I built, so the last two weeks of every project are about leaving it in good hands.",
    content: `## Everything in their name
Domains, hosting accounts, the Stripe and Twilio accounts, the GitHub organisation: all of it is created in the client's name from day one, with me as a guest. At the end I remove myself. I have taken over too many projects where the only person with the DNS password had moved abroad.

## A README that starts from zero
The README assumes a developer who has never seen the project: how to run it locally with one Docker Compose command, where the configuration lives, how to deploy, and how to restore last night's backup. I test it by asking someone else to follow it on a clean laptop.

## Runbooks for people who aren't developers
Most of my clients have no developer at all. For them I write short runbooks in plain language for the things that will happen: a volunteer forgets their password, the reminder texts stop, the site is slow. Each one ends with who to call.

## Recorded walkthroughs
I record ten-minute screen videos of the admin tasks staff do monthly or yearly, such as opening a new season or archiving last year's data. The yearly tasks are the ones everybody forgets.

## Three months of support, then a choice
After launch I fix bugs for free for three months. After that, clients can take a small monthly retainer with me, hand the system to another developer using the README, or simply leave it running; most of what I build needs very little attention. About half choose the retainer.

## The test
A handover has worked if the client can go six months without needing me. The tool library has gone two years.`,
    skills: ['Docker', 'Django'],
  },
]
