// What a prescriber must see before writing notes or a prescription.
export type SafetyView = {
  allergies: { substance: string; reaction: string | null; severity: string | null }[]
  medications: { name: string; dose: string | null; frequency: string | null }[]
}

// One list of the panel: each entry's name, then what else is known of it.
function SafetyList({ title, entries, empty }: { title: string; entries: { name: string; details: (string | null)[] }[]; empty: string }) {
  return (
    <>
      <h3>{title}</h3>
      {entries.length ? (
        <ul>
          {entries.map(({ name, details }) => {
            const known = details.filter(Boolean).join(', ')
            return (
              <li>
                <strong>{name}</strong>
                {known ? ` — ${known}` : ''}
              </li>
            )
          })}
        </ul>
      ) : (
        <p>{empty}</p>
      )}
    </>
  )
}

// The patient's allergies and current medications, beside every form that prescribes or notes.
export function SafetyPanel({ safety }: { safety: SafetyView }) {
  return (
    <aside class="card safety" aria-labelledby="safety-title">
      <h2 id="safety-title">Allergies and current medicines</h2>
      <SafetyList title="Allergies" entries={safety.allergies.map((a) => ({ name: a.substance, details: [a.severity, a.reaction] }))} empty="None recorded. Ask the patient before prescribing." />
      <SafetyList title="Current medicines" entries={safety.medications.map((m) => ({ name: m.name, details: [m.dose, m.frequency] }))} empty="None recorded." />
    </aside>
  )
}
