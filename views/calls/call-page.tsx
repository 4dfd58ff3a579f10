import type { Child } from 'hono/jsx'
import { formatDateTime, formatTime } from '../../src/lib/format'
import { ASSETS } from '../../src/generated/assets'

export type CallPageProps = {
  appointmentId: string
  role: 'patient' | 'doctor'
  peerName: string
  start: Date
  end: Date
  timezone: string
  // RTCIceServer[] for the browser (STUN/TURN); empty on a local network.
  iceServers: unknown[]
  canComplete: boolean
  // The appointment's chat panel: a call that cannot connect goes on as a chat.
  chat: Child
}

function When({ start, end, timezone }: { start: Date; end: Date; timezone: string }) {
  return (
    <>
      <time datetime={start.toISOString()}>{formatDateTime(start, timezone)}</time> – {formatTime(end, timezone)} ({timezone.replace(/_/g, ' ')})
    </>
  )
}

// The video visit. Without JavaScript (or WebRTC) it explains that and offers the way back and
// the chat. With them, #call is the Alpine component `call` (public/call.js): its status line,
// panels and buttons are bound to the component's state, by name only (Alpine's CSP build
// evaluates no expressions). State the script needs comes in data attributes (the CSP allows no
// inline script).
export function CallPage(props: CallPageProps) {
  const { appointmentId: id, peerName } = props
  return (
    <>
      <section
        id="call"
        class="call"
        aria-labelledby="call-title"
        data-appointment={id}
        data-role={props.role}
        data-peer-name={peerName}
        data-ws={`/api/v1/appointments/${id}/call`}
        data-ice-servers={JSON.stringify(props.iceServers)}
        data-probe={ASSETS['favicon.svg']}
        data-phase="precheck"
        data-connection-state="new"
        x-data="call"
        x-bind:data-phase="phase"
        x-bind:data-link="linkQuality"
        x-bind:data-connection-state="connectionState"
      >
        <h1 id="call-title">Video call with {peerName}</h1>
        <p class="muted">
          <When start={props.start} end={props.end} timezone={props.timezone} /> · <a href={`/appointments/${id}`}>Back to the appointment</a>
        </p>
        <div id="call-nojs" class="notice" x-bind:hidden="supported">
          <p>The video call needs JavaScript and a browser that can make video calls. Please turn JavaScript on, or open this page in an up-to-date browser.</p>
          <p>
            You can still write to {peerName} in the chat, or <a href={`/appointments/${id}`}>go back to the appointment</a>.
          </p>
        </div>
        <p id="call-status" class="call-status" role="status" aria-live="polite" x-text="status"></p>
        <div id="call-app" hidden x-bind:hidden="unsupported">
          <div id="call-precheck" class="call-precheck" x-bind:hidden="hidePrecheck">
            <p id="call-link" x-text="link">
              Checking your connection…
            </p>
            <p class="hint">Your browser will ask to use your camera and microphone.</p>
            <div class="actions">
              <button type="button" id="call-join" x-bind:class="videoJoinClass" x-bind:disabled="joining" x-on:click="joinWithVideo">
                Join with video
              </button>
              <button type="button" id="call-join-audio" x-bind:class="audioJoinClass" x-bind:disabled="joining" x-on:click="joinAudioOnly">
                Join with audio only
              </button>
            </div>
          </div>
          <div id="call-stage" class="call-stage" hidden x-bind:hidden="hideCall">
            <figure class="call-remote">
              <video id="call-remote-video" autoplay playsinline aria-label={`${peerName}’s video`}></video>
              <figcaption>
                {peerName} <span id="call-peer-media" class="muted" x-text="peerMedia"></span>
              </figcaption>
            </figure>
            <figure class="call-self">
              <video id="call-local-video" autoplay playsinline muted aria-label="Your own video"></video>
              <figcaption>You</figcaption>
            </figure>
          </div>
          <div id="call-controls" class="call-controls" role="group" aria-label="Call controls" hidden x-bind:hidden="hideCall">
            <button type="button" id="call-mute" class="secondary" aria-pressed="false" x-bind:aria-pressed="micMuted" x-on:click="toggleMute">
              Mute
            </button>
            <button type="button" id="call-camera" class="secondary" aria-pressed="false" x-bind:aria-pressed="cameraOff" x-bind:disabled="audioOnly" x-on:click="toggleCamera">
              Camera off
            </button>
            <button type="button" id="call-audio-only" class="secondary" aria-pressed="false" x-bind:aria-pressed="audioOnly" x-on:click="toggleAudioOnly">
              Audio only
            </button>
            <button type="button" id="call-hangup" class="danger" x-on:click="hangUp">
              Hang up
            </button>
          </div>
          <p id="call-again" hidden x-bind:hidden="hideAgain">
            <button type="button" id="call-rejoin" x-on:click="rejoin">
              Join again
            </button>
          </p>
        </div>
        {props.canComplete ? (
          <form method="post" action={`/appointments/${id}/complete`} class="call-complete">
            <button type="submit" class="secondary">
              Mark the appointment as completed
            </button>
          </form>
        ) : null}
      </section>
      {/* The appointment's chat: a call that cannot connect goes on here. */}
      <section id="call-chat" aria-label="Chat">
        {props.chat}
      </section>
    </>
  )
}

// Before the window, after it, or for an appointment that is not confirmed.
export function CallNotOpenPage({ appointmentId: id, peerName, message, start, end, timezone }: { appointmentId: string; peerName: string; message: string; start: Date; end: Date; timezone: string }) {
  return (
    <section id="call" class="call narrow" aria-labelledby="call-title">
      <h1 id="call-title">Video call with {peerName}</h1>
      <p class="muted">
        <When start={start} end={end} timezone={timezone} />
      </p>
      <div class="notice" role="status">
        {message}
      </div>
      <div class="actions">
        <a class="button" href={`/appointments/${id}/call`}>
          Check again
        </a>
        <a class="button secondary" href={`/appointments/${id}`}>
          Back to the appointment
        </a>
      </div>
    </section>
  )
}
