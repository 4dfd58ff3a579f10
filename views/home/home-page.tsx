export type HomePageProps = {
  // Only specialties with a bookable doctor, with how many.
  specialties: { id: string; name: string; slug: string; doctorCount: number }[]
  verifiedDoctorCount: number
}

export function HomePage({ specialties, verifiedDoctorCount }: HomePageProps) {
  return (
    <>
      <section aria-labelledby="home-title">
        <h1 id="home-title">See a doctor without the waiting room</h1>
        <p>
          Find a verified doctor, book a time that suits you, and talk by video, chat or in person.
          Your notes and prescriptions stay with you afterwards.
        </p>
        <p>
          <a class="button" href="/doctors">
            Find a doctor
          </a>
        </p>
      </section>
      <section id="specialties" aria-labelledby="specialties-title">
        <h2 id="specialties-title">Specialties</h2>
        {specialties.length === 0 ? (
          <p class="muted">No specialties are listed yet.</p>
        ) : (
          <ul class="grid" role="list">
            {specialties.map((s) => (
              <li class="card">
                <a href={`/doctors?specialty=${s.slug}`}>{s.name}</a>{' '}
                <span class="muted">
                  · {s.doctorCount === 1 ? '1 doctor' : `${s.doctorCount} doctors`}
                </span>
              </li>
            ))}
          </ul>
        )}
        <p class="muted">
          {verifiedDoctorCount === 1
            ? '1 verified doctor'
            : `${verifiedDoctorCount} verified doctors`}{' '}
          on MediConnect.
        </p>
      </section>
    </>
  )
}
