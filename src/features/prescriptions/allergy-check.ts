// Warns before a medicine goes to a patient with a recorded allergy to it, by name or by drug
// class. A safety net for the prescriber, not a drug database: it knows the common classes
// behind most recorded drug allergies, and a doctor can always issue over a warning with a
// reason, which is kept with the prescription.
//
// Classes follow the WHO ATC classification (codes below; https://atcddd.fhi.no/atc_ddd_index/),
// recognised by their international non-proprietary name stems where the class has one (WHO,
// "The use of stems in the selection of INNs", e.g. -cillin, cef-, -floxacin, -cycline, -pril)
// and by a list of members where it does not. Cross-reactivity between penicillins and
// cephalosporins or carbapenems is low but real; the 2022 AAAAI/ACAAI drug allergy practice
// parameter (Khan et al., J Allergy Clin Immunol 2022;150:1333) advises care, so it is flagged
// as a related class.

type DrugClass = {
  name: string
  atc: string
  // Words (lower case) that name the class itself in an allergy record: "penicillin", "sulfa".
  aliases: string[]
  members: string[]
  stem?: (word: string) => boolean
}

const CLASSES: DrugClass[] = [
  {
    name: 'penicillins',
    atc: 'J01C',
    aliases: ['penicillin', 'penicillins', 'beta-lactam', 'betalactam'],
    members: ['co-amoxiclav', 'augmentin', 'amoxil', 'pivmecillinam', 'mecillinam'],
    stem: (w) => w.endsWith('cillin'),
  },
  {
    name: 'cephalosporins',
    atc: 'J01DB–J01DE, J01DI',
    aliases: ['cephalosporin', 'cephalosporins'],
    members: ['keflex'],
    stem: (w) => /^(cef|ceph)[a-z]{3,}$/.test(w),
  },
  { name: 'carbapenems', atc: 'J01DH', aliases: ['carbapenem', 'carbapenems'], members: [], stem: (w) => w.endsWith('penem') },
  {
    name: 'sulfonamide antibiotics',
    atc: 'J01E',
    aliases: ['sulfa', 'sulpha', 'sulfonamide', 'sulfonamides', 'sulphonamide', 'sulphonamides'],
    members: ['sulfamethoxazole', 'sulphamethoxazole', 'co-trimoxazole', 'cotrimoxazole', 'bactrim', 'septrin', 'sulfadiazine', 'sulfasalazine', 'sulfadoxine'],
  },
  {
    name: 'NSAIDs',
    atc: 'M01A, N02BA',
    aliases: ['nsaid', 'nsaids'],
    members: ['aspirin', 'acetylsalicylic', 'ibuprofen', 'naproxen', 'diclofenac', 'ketoprofen', 'ketorolac', 'indometacin', 'indomethacin', 'meloxicam', 'piroxicam', 'celecoxib', 'etoricoxib', 'mefenamic', 'nabumetone', 'etodolac', 'dexketoprofen', 'flurbiprofen', 'advil', 'nurofen', 'voltaren'],
  },
  {
    name: 'opioids',
    atc: 'N02A',
    aliases: ['opioid', 'opioids', 'opiate', 'opiates'],
    members: ['morphine', 'codeine', 'dihydrocodeine', 'tramadol', 'oxycodone', 'hydrocodone', 'hydromorphone', 'fentanyl', 'tapentadol', 'buprenorphine', 'methadone', 'pethidine', 'meperidine', 'diamorphine', 'co-codamol'],
  },
  { name: 'macrolides', atc: 'J01FA', aliases: ['macrolide', 'macrolides'], members: ['erythromycin'], stem: (w) => w.endsWith('thromycin') },
  { name: 'fluoroquinolones', atc: 'J01MA', aliases: ['quinolone', 'quinolones', 'fluoroquinolone', 'fluoroquinolones'], members: [], stem: (w) => w.endsWith('floxacin') },
  { name: 'tetracyclines', atc: 'J01AA', aliases: ['tetracyclines'], members: [], stem: (w) => w.endsWith('cycline') },
  { name: 'ACE inhibitors', atc: 'C09A', aliases: ['ace inhibitor', 'ace inhibitors', 'ace-inhibitor'], members: [], stem: (w) => w.length > 5 && w.endsWith('pril') },
]

// Allergy to the first: care with the second.
const RELATED: [string, string][] = [
  ['penicillins', 'cephalosporins'],
  ['penicillins', 'carbapenems'],
]

export type AllergyRecord = { substance: string; reaction?: string | null; severity?: string | null }

export type AllergyWarning = {
  drug: string
  allergy: string
  // same medicine: the allergy names it; same class: both are in one class; related class:
  // known cross-reactivity between their classes.
  kind: 'same medicine' | 'same class' | 'related class'
  drugClass?: string
  severity?: string | null
  reaction?: string | null
}

const words = (text: string) => text.toLowerCase().replace(/[^a-z0-9-]+/g, ' ').trim().split(/\s+/).filter(Boolean)

// A text's words, with hyphenated words also split (co-amoxiclav → co, amoxiclav).
const wordsOf = (text: string) => new Set(words(text).flatMap((w) => (w.includes('-') ? [w, ...w.split('-')] : [w])))

function classesOf(text: string): Set<string> {
  const lower = text.toLowerCase()
  const found = new Set<string>()
  const ws = wordsOf(text)
  for (const c of CLASSES) {
    const hit = [...ws].some((w) => c.members.includes(w) || c.aliases.includes(w) || (c.stem?.(w) ?? false)) || c.aliases.some((a) => a.includes(' ') && lower.includes(a))
    if (hit) found.add(c.name)
  }
  return found
}

// The allergy names this medicine: every significant word of the substance is in the drug's name
// (an allergy to "amoxicillin" and "Amoxicillin 500 mg capsules").
function namesSameMedicine(drug: string, substance: string) {
  const drugWords = wordsOf(drug)
  const substanceWords = words(substance).filter((w) => w.length > 2 && !['allergy', 'to', 'the'].includes(w))
  return substanceWords.length > 0 && substanceWords.every((w) => drugWords.has(w))
}

/** The warnings a prescription's medicines raise against the patient's recorded allergies. */
export function allergyWarnings(items: { drug: string }[], allergies: AllergyRecord[]): AllergyWarning[] {
  const warnings: AllergyWarning[] = []
  for (const { drug } of items) {
    const drugClasses = classesOf(drug)
    for (const allergy of allergies) {
      const base = { drug, allergy: allergy.substance, severity: allergy.severity ?? null, reaction: allergy.reaction ?? null }
      if (namesSameMedicine(drug, allergy.substance)) {
        warnings.push({ ...base, kind: 'same medicine' })
        continue
      }
      const allergyClasses = classesOf(allergy.substance)
      const shared = [...drugClasses].find((c) => allergyClasses.has(c))
      if (shared) {
        warnings.push({ ...base, kind: 'same class', drugClass: shared })
        continue
      }
      const related = RELATED.find(([from, to]) => allergyClasses.has(from) && drugClasses.has(to))
      if (related) warnings.push({ ...base, kind: 'related class', drugClass: related[1] })
    }
  }
  return warnings
}

/** A warning in words, for pages and the API's message. */
export function describeWarning(w: AllergyWarning): string {
  const recorded = [w.severity, w.reaction].filter(Boolean).join(', ')
  const allergy = `a recorded allergy to ${w.allergy}${recorded ? ` (${recorded})` : ''}`
  if (w.kind === 'same medicine') return `${w.drug}: the patient has ${allergy}.`
  if (w.kind === 'same class') return `${w.drug} is one of the ${w.drugClass}, and the patient has ${allergy}.`
  return `${w.drug} is one of the ${w.drugClass}, which can cross-react with ${allergy}.`
}
