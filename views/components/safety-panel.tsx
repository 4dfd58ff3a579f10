// What a prescriber must see before writing notes or a prescription.
export type SafetyView = {
  allergies: { substance: string; reaction: string | null; severity: string | null }[]
  medications: { name: string; dose: string | null; frequency: string | null }[]
}

// The patient's allergies and current medications, beside every form that prescribes or notes.
export function SafetyPanel({ safety }: { safety: SafetyView }) {
  return (
    <aside class="card safety" aria-labelledby="safety-title">
      <h2 id="safety-title">Allergies and current medicines</h2>
      <h3>Allergies</h3>
      {safety.allergies.length ? (
        <ul>
          {safety.allergies.map((a) => (
            <li>
              <strong>{a.substance}</strong>
              {[a.severity, a.reaction].filter(Boolean).length ? ` — ${[a.severity, a.reaction].filter(Boolean).join(', ')}` : ''}
            </li>
          ))}
        </ul>
      ) : (
        <p>None recorded. Ask the patient before prescribing.</p>
      )}
      <h3>Current medicines</h3>
      {safety.medications.length ? (
        <ul>
          {safety.medications.map((m) => (
            <li>
              <strong>{m.name}</strong>
              {[m.dose, m.frequency].filter(Boolean).length ? ` — ${[m.dose, m.frequency].filter(Boolean).join(', ')}` : ''}
            </li>
          ))}
        </ul>
      ) : (
        <p>None recorded.</p>
      )}
    </aside>
  )
}
