/**
 * The browsers of bench/realtime.ts, in a worker thread of their own so that reading 1,000
 * event streams does not run on the server's event loop. Opens one Server-Sent Events stream
 * per subscriber, sends the messages through the API (one at a time per thread, many threads
 * at once), and reports each delivery's latency from the moment its POST started.
 */
const { parentPort, workerData } = process.getBuiltinModule('node:worker_threads')

const { origin, subscribers, messages, concurrency } = workerData
const sentAt = new Map() // `${threadId}:${senderId}` → performance.now() of the POST in flight
const latencies = [] // POST start → arrival: what the sender waits for the other side to see it
const deliveryLatencies = [] // message stored → arrival: the realtime path alone
const received = new Map() // messageId → deliveries
let connected = 0

const listen = async ({ token, channel }) => {
  const response = await fetch(`${origin}/api/realtime/stream?channels=${channel}`, {
    headers: { Authorization: `JWT ${token}` },
  })
  if (response.status !== 200) throw new Error(`stream ${channel}: ${response.status}`)
  connected += 1
  const reader = response.body.getReader()
  const decoder = new TextDecoder()
  let buffer = ''
  for (;;) {
    const { done, value } = await reader.read()
    if (done) return
    buffer += decoder.decode(value, { stream: true })
    let end
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const frame = buffer.slice(0, end)
      buffer = buffer.slice(end + 2)
      if (!frame.includes('event: message.created')) continue
      const data = JSON.parse(frame.slice(frame.indexOf('data: ') + 6).split('\n')[0])
      const started = sentAt.get(`${data.threadId}:${data.senderId}`)
      if (started !== undefined) latencies.push(performance.now() - started)
      if (data.sentAt) deliveryLatencies.push(Date.now() - Date.parse(data.sentAt))
      received.set(data.messageId, (received.get(data.messageId) ?? 0) + 1)
    }
  }
}

const run = async () => {
  for (const subscriber of subscribers)
    listen(subscriber).catch((error) => parentPort.postMessage({ error: String(error) }))
  while (connected < subscribers.length) await new Promise((resolve) => setTimeout(resolve, 50))
  parentPort.postMessage({ connected })
  const queue = [...messages]
  const sent = []
  const busyThreads = new Set()
  const worker = async () => {
    for (;;) {
      const index = queue.findIndex((m) => !busyThreads.has(m.threadId))
      if (index < 0) {
        if (!queue.length) return
        await new Promise((resolve) => setTimeout(resolve, 2))
        continue
      }
      const [message] = queue.splice(index, 1)
      busyThreads.add(message.threadId)
      sentAt.set(`${message.threadId}:${message.senderId}`, performance.now())
      const response = await fetch(`${origin}/api/messages/threads/${message.threadId}/messages`, {
        method: 'POST',
        headers: { Authorization: `JWT ${message.token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ body: message.body }),
      })
      const body = await response.json()
      if (response.status !== 201)
        throw new Error(`send: ${response.status} ${JSON.stringify(body)}`)
      sent.push({ id: body.data.id, expected: message.expected })
      busyThreads.delete(message.threadId)
    }
  }
  const started = performance.now()
  await Promise.all(Array.from({ length: concurrency }, worker))
  const sendingMs = performance.now() - started
  // Whatever is still on its way has two seconds to arrive.
  const deadline = performance.now() + 2000
  const expectedTotal = () => sent.reduce((sum, m) => sum + m.expected, 0)
  const receivedTotal = () =>
    sent.reduce((sum, m) => sum + Math.min(m.expected, received.get(m.id) ?? 0), 0)
  while (receivedTotal() < expectedTotal() && performance.now() < deadline)
    await new Promise((resolve) => setTimeout(resolve, 20))
  parentPort.postMessage({
    done: true,
    sent: sent.length,
    sendingMs,
    expectedDeliveries: expectedTotal(),
    deliveries: receivedTotal(),
    latencies,
    deliveryLatencies,
  })
}

run().catch((error) => parentPort.postMessage({ error: String(error.stack ?? error) }))
