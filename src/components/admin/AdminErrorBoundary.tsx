'use client'

import { captureException } from '@sentry/core'
import { Component, type ErrorInfo, type ReactNode } from 'react'

type State = { error: Error | null }

/**
 * Around the whole admin: a part of it that fails to render is reported to Sentry when error
 * tracking is on (`captureException` does nothing otherwise), and the person is told and offered
 * a reload instead of an empty page. It takes the place of the Sentry plugin's boundary, which
 * renders nothing at all (payload.config.ts).
 */
export class AdminErrorBoundary extends Component<{ children?: ReactNode }, State> {
  state: State = { error: null }

  static getDerivedStateFromError(error: Error): State {
    return { error }
  }

  componentDidCatch(error: Error, info: ErrorInfo) {
    captureException(error, {
      mechanism: { handled: false, type: 'auto.function.react.error_boundary' },
      captureContext: { contexts: { react: { componentStack: info.componentStack ?? '' } } },
    })
  }

  render() {
    if (!this.state.error) return this.props.children
    return (
      <main role="alert" style={{ maxWidth: 560, margin: '15vh auto', padding: 24 }}>
        <h1 style={{ fontSize: 24, margin: '0 0 12px' }}>This page could not be shown</h1>
        <p style={{ margin: '0 0 20px' }}>
          Something went wrong on our side. Reloading usually helps; what you saved is safe.
        </p>
        <button type="button" className="btn btn--style-primary" onClick={() => location.reload()}>
          Reload the page
        </button>
      </main>
    )
  }
}
