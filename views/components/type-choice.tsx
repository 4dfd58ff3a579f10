import { CONSULTATION_LABELS } from '../../src/lib/format'
import { FieldError } from './form'

type Type = 'video' | 'chat' | 'in_person'

// How to meet, as radio buttons; with one kind only, it is chosen.
export function TypeChoice({ types, chosen, error, legend = 'How would you like to meet?' }: { types: readonly Type[]; chosen?: string; error?: string; legend?: string }) {
  return (
    <fieldset aria-describedby={error ? 'type-error' : undefined}>
      <legend>{legend}</legend>
      {types.map((type) => (
        <label class="choice">
          <input type="radio" name="type" value={type} checked={chosen === type || types.length === 1} required /> {CONSULTATION_LABELS[type]}
        </label>
      ))}
      <FieldError id="type" error={error} />
    </fieldset>
  )
}
