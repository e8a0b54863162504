/** Shown once, right after they are made: only their hashes are kept. */
export function RecoveryCodes({ codes }: { codes: string[] }) {
  return (
    <div className="flex flex-col gap-3" role="status">
      <p className="font-semibold text-green-800">Two-step sign-in is on.</p>
      <p>
        Keep these recovery codes somewhere safe (a password manager, or printed). Each signs you in
        once if you lose your phone. This is the only time they are shown.
      </p>
      <ul
        data-testid="recovery-codes"
        className="grid grid-cols-2 gap-2 rounded-lg border bg-gray-50 p-3 font-mono text-sm"
      >
        {codes.map((code) => (
          <li key={code}>{code}</li>
        ))}
      </ul>
    </div>
  )
}
