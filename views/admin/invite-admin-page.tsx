import { Field, FormMessage, SelectField, type FormState } from '../components/form'

const SUB_ROLES = [
  ['support', 'Support: helps people, sees no medical data'],
  ['clinic', 'Clinic: runs the calendar and doctors, reads records'],
  ['super', 'Super: everything, including admins and settings'],
] as const

// A super admin invites an admin, who is emailed a link to choose a password.
export function InviteAdminPage({ state, clinics }: { state?: FormState; clinics: { id: string; name: string }[] }) {
  return (
    <section aria-labelledby="invite-title" class="narrow">
      <p>
        <a href="/admin/users">All users</a>
      </p>
      <h1 id="invite-title">Invite an admin</h1>
      <FormMessage state={state} />
      <form method="post" action="/admin/users/invite" novalidate>
        <Field name="name" label="Full name" state={state} required autocomplete="off" />
        <Field name="email" label="Email" type="email" state={state} required autocomplete="off" />
        <SelectField name="admin_role" label="What they may do" options={SUB_ROLES} state={state ?? { values: { admin_role: 'support' } }} />
        <SelectField name="clinic_id" label="Their clinic (clinic admins only)" blank="No clinic" options={clinics.map((c) => [c.id, c.name] as const)} state={state} />
        <button type="submit">Send the invitation</button>
      </form>
    </section>
  )
}
