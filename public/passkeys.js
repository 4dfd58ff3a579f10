// Passkey buttons on the sign-in and security pages. SimpleWebAuthnBrowser (served from our own
// origin) talks to the authenticator; this file only moves JSON between it and our API.
(function () {
  'use strict'
  var lib = window.SimpleWebAuthnBrowser
  if (!lib || !lib.browserSupportsWebAuthn()) return

  function postJson(path, body) {
    return fetch(path, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify(body || {}),
    }).then(function (res) {
      if (res.status === 204) return null
      return res.json().then(function (data) {
        if (!res.ok) throw new Error((data && data.error && data.error.message) || 'Something went wrong.')
        return data
      })
    })
  }

  function wire(box, run) {
    var button = box.querySelector('button')
    var error = box.querySelector('[data-passkey-error]')
    box.hidden = false
    button.addEventListener('click', function () {
      button.disabled = true
      error.textContent = ''
      run(box).catch(function (err) {
        // The person closing the browser's dialog is not an error worth shouting about.
        error.textContent = err && err.name === 'NotAllowedError'
          ? 'No passkey was used. You can try again or use your password.'
          : (err && err.message) || 'The passkey did not work. Please try again.'
      }).then(function () { button.disabled = false })
    })
  }

  function signIn(box) {
    return postJson('/api/v1/auth/passkeys/login/options', {})
      .then(function (options) { return lib.startAuthentication({ optionsJSON: options }) })
      .then(function (response) { return postJson('/api/v1/auth/passkeys/login/verify', { response: response }) })
      .then(function () {
        var next = box.getAttribute('data-next') || '/home'
        window.location.assign(/^\/(?![/\\])/.test(next) ? next : '/')
      })
  }

  function addPasskey(box) {
    var nameInput = box.querySelector('[data-passkey-name]')
    return postJson('/api/v1/auth/passkeys/register/options')
      .then(function (options) { return lib.startRegistration({ optionsJSON: options }) })
      .then(function (response) {
        var name = nameInput && nameInput.value.trim()
        return postJson('/api/v1/auth/passkeys/register/verify', name ? { response: response, name: name } : { response: response })
      })
      .then(function () { window.location.assign('/account/security?done=passkey-added') })
  }

  document.addEventListener('DOMContentLoaded', function () {
    document.querySelectorAll('[data-passkey-login]').forEach(function (box) { wire(box, signIn) })
    document.querySelectorAll('[data-passkey-register]').forEach(function (box) { wire(box, addPasskey) })
  })
})()
