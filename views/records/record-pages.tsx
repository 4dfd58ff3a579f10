import type { ApiDocument } from '../../src/features/documents/present'
import type { ApiHistory, ApiProfile } from '../../src/features/patient-profile/present'
import type { ApiPrescriptionSummary } from '../../src/features/prescriptions/present'
import type { ApiSharedAppointment, ApiVisit } from '../../src/features/records/present'

// A patient's record as the record pages show it.
export type PatientRecord = {
  patient: ApiProfile
  medical_history: ApiHistory
  visits: ApiVisit[]
  prescriptions: ApiPrescriptionSummary[]
  appointments: ApiSharedAppointment[]
  documents: ApiDocument[]
}
import { formatDateTime } from '../../src/lib/format'
import { DocumentList } from '../documents/documents-page'
import { MedicalHistorySummary, ProfileSummary } from '../patient-profile/history'
import { PrescriptionList } from '../prescriptions/prescription-pages'
import { StatusBadge, typeLabel } from '../appointments/parts'
import { RecordNav } from './record-nav'

function Visits({ visits, timezone, forPatient }: { visits: ApiVisit[]; timezone: string; forPatient: boolean }) {
  if (visits.length === 0) return <p class="muted">No completed visits with notes yet.</p>
  return (
    <ol class="plain-list visit-list">
      {visits.map((v) => (
        <li>
          <h3>
            <a href={`/appointments/${v.appointment_id}/notes`}>{formatDateTime(new Date(v.start), timezone)}</a> · {v.doctor.name}
          </h3>
          {v.diagnosis ? (
            <p>
              <strong>Diagnosis:</strong> {v.diagnosis}
            </p>
          ) : null}
          {'summary' in v ? <p class="prose">{v.summary || 'No summary was written.'}</p> : null}
          {!forPatient && 'assessment' in v ? (
            <>
              {v.assessment ? (
                <p class="prose">
                  <strong>Assessment:</strong> {v.assessment}
                </p>
              ) : null}
              {v.plan ? (
                <p class="prose">
                  <strong>Plan:</strong> {v.plan}
                </p>
              ) : null}
            </>
          ) : null}
        </li>
      ))}
    </ol>
  )
}

// A doctor's view of one patient: who they are, their history, and the visits with this doctor.
export function DoctorPatientPage({ record, timezone }: { record: PatientRecord; timezone: string }) {
  return (
    <section aria-labelledby="patient-title">
      <p>
        <a href="/doctor/patients">← My patients</a>
      </p>
      <h1 id="patient-title">{record.patient.name}</h1>
      <p class="muted small">Opening this record is logged and shown to the patient.</p>
      <h2>Profile</h2>
      <ProfileSummary profile={record.patient} />
      <h2>Medical history</h2>
      <MedicalHistorySummary history={record.medical_history} />
      <h2>Appointments with you</h2>
      <ul class="plain-list">
        {record.appointments.map((a) => (
          <li>
            <a href={`/appointments/${a.id}`}>{formatDateTime(new Date(a.start), timezone)}</a> · {typeLabel(a.type)} · <StatusBadge status={a.status} />
            <br />
            <span class="muted small">{a.reason}</span>
          </li>
        ))}
      </ul>
      <h2>Documents</h2>
      <DocumentList items={record.documents} timezone={timezone} />
      <h2>Visit notes</h2>
      <Visits visits={record.visits} timezone={timezone} forPatient={false} />
      <h2>Prescriptions</h2>
      <PrescriptionList items={record.prescriptions} timezone={timezone} viewerRole="doctor" />
    </section>
  )
}

// The patient's own record at a glance, with the way to each part.
export function RecordOverviewPage({ record, timezone }: { record: PatientRecord; timezone: string }) {
  return (
    <section aria-labelledby="record-title">
      <h1 id="record-title">My record</h1>
      <RecordNav current="/record" />
      <p class="lead">Only you, the doctors you book and clinic administrators can open your record, and every time someone does it shows under <a href="/record/access">Who saw my record</a>.</p>
      <h2>
        Profile <a class="small" href="/record/profile">Edit</a>
      </h2>
      <ProfileSummary profile={record.patient} />
      <h2>
        Medical history <a class="small" href="/record/history">Edit</a>
      </h2>
      <MedicalHistorySummary history={record.medical_history} />
      <h2>Latest visits</h2>
      <Visits visits={record.visits.slice(0, 3)} timezone={timezone} forPatient />
      <p>
        <a href="/record/visits">All visits and prescriptions</a>
      </p>
    </section>
  )
}

export function VisitsPage({ record, timezone }: { record: PatientRecord; timezone: string }) {
  return (
    <section aria-labelledby="visits-title">
      <h1 id="visits-title">Visits and prescriptions</h1>
      <RecordNav current="/record/visits" />
      <h2>Prescriptions</h2>
      <PrescriptionList items={record.prescriptions} timezone={timezone} viewerRole="patient" />
      <h2>Documents from your doctors</h2>
      <DocumentList items={record.documents.filter((d) => d.uploaded_by.role === 'doctor')} timezone={timezone} />
      <h2>Visit summaries</h2>
      <Visits visits={record.visits} timezone={timezone} forPatient />
    </section>
  )
}
