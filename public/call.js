// The video call page's client: written in issue 5.
