// Push on this device, from the notification settings page: the service worker at /sw.js shows
// what arrives; the subscription (the push service's address and this browser's keys) is kept
// by the server, which encrypts every message for it. Without JavaScript the page says so.
;(function () {
  var box = document.getElementById('push-device')
  if (!box) return
  var status = box.querySelector('[data-push-status]')
  var button = box.querySelector('[data-push-toggle]')
  if (!('serviceWorker' in navigator) || !('PushManager' in window) || !('Notification' in window)) {
    status.textContent = 'This browser cannot receive push notifications.'
    return
  }

  function keyBytes(base64url) {
    var base64 = base64url.replace(/-/g, '+').replace(/_/g, '/')
    var raw = atob(base64 + '==='.slice((base64.length + 3) % 4))
    var bytes = new Uint8Array(raw.length)
    for (var i = 0; i < raw.length; i++) bytes[i] = raw.charCodeAt(i)
    return bytes
  }

  function send(method, body) {
    return fetch('/api/v1/push-subscriptions', { method: method, headers: { 'content-type': 'application/json' }, credentials: 'same-origin', body: JSON.stringify(body) }).then(function (res) {
      if (!res.ok) throw new Error('The server did not accept it (' + res.status + ').')
    })
  }

  function show(subscription, message) {
    status.textContent = message || (subscription ? 'Push is on for this device.' : 'Push is off for this device.')
    button.textContent = subscription ? 'Turn off push on this device' : 'Turn on push on this device'
    button.hidden = false
    button.disabled = false
  }

  navigator.serviceWorker.register('/sw.js').then(function (registration) {
    return registration.pushManager.getSubscription().then(function (current) {
      show(current)
      button.addEventListener('click', function () {
        button.disabled = true
        registration.pushManager.getSubscription().then(function (subscription) {
          if (subscription) {
            return send('DELETE', { endpoint: subscription.endpoint })
              .then(function () { return subscription.unsubscribe() })
              .then(function () { show(null) })
          }
          return Notification.requestPermission().then(function (permission) {
            if (permission !== 'granted') return show(null, 'Push is blocked for this site in the browser’s settings.')
            return registration.pushManager
              .subscribe({ userVisibleOnly: true, applicationServerKey: keyBytes(box.getAttribute('data-vapid-key')) })
              .then(function (created) { return send('POST', created.toJSON()).then(function () { show(created) }) })
          })
        }).catch(function (err) {
          show(null, 'Push could not be changed: ' + err.message)
        })
      })
    })
  }).catch(function () {
    status.textContent = 'Push could not be set up in this browser.'
  })
})()
