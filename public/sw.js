// MediConnect's service worker: it only shows push notifications and opens them. It caches
// nothing, so pages are always the server's current ones.
self.addEventListener('push', function (event) {
  var data = {}
  try {
    data = event.data ? event.data.json() : {}
  } catch (e) {
    data = {}
  }
  var link = typeof data.link === 'string' && data.link.charAt(0) === '/' ? data.link : '/notifications'
  event.waitUntil(self.registration.showNotification(data.title || 'MediConnect', { body: data.body || '', tag: link, data: { link: link } }))
})

self.addEventListener('notificationclick', function (event) {
  event.notification.close()
  var link = (event.notification.data && event.notification.data.link) || '/notifications'
  event.waitUntil(
    self.clients.matchAll({ type: 'window' }).then(function (windows) {
      for (var i = 0; i < windows.length; i++) {
        if (new URL(windows[i].url).pathname === link && 'focus' in windows[i]) return windows[i].focus()
      }
      return self.clients.openWindow(link)
    }),
  )
})
