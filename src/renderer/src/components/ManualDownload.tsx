import type { LocalModel } from '../../../shared/models.ts'
import { formatBytes } from '../lib/format.ts'
import { CopyButton } from './CopyButton.tsx'

/**
 * Where a catalog model comes from, for a machine that cannot download it itself: the URL, the
 * checksum and size to verify a copy, and where the file goes.
 */
export function ManualDownload({ model: m }: { model: LocalModel }) {
  if (!m.downloadUrl) return null
  return (
    <details className="manual-download small">
      <summary>Download it yourself</summary>
      <dl className="facts">
        <dt>URL</dt>
        <dd className="copyable">
          <code className="break-all">{m.downloadUrl}</code>
          <CopyButton text={m.downloadUrl} label="Copy URL" />
        </dd>
        {m.sha256 && (
          <>
            <dt>SHA-256</dt>
            <dd className="copyable">
              <code className="break-all">{m.sha256}</code>
              <CopyButton text={m.sha256} label="Copy SHA-256" />
            </dd>
          </>
        )}
        <dt>Size</dt>
        <dd>
          {m.approximateSize
            ? `about ${formatBytes(m.sizeBytes)}`
            : `${m.sizeBytes.toLocaleString('en')} bytes (${formatBytes(m.sizeBytes)})`}
        </dd>
      </dl>
      {m.filePath && (
        <p className="muted">
          Then put it at <code className="break-all">{m.filePath}</code>{' '}
          <CopyButton text={m.filePath} label="Copy path" /> (reload this page to see it ready), or
          add it with Import from disk below.
        </p>
      )}
    </details>
  )
}
