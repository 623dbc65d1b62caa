//! The id/en switcher; the caller owns the language state.
export function LanguageSelect({
  value,
  languages,
  label,
  onChange,
}: {
  value: string;
  languages: readonly string[];
  label: string;
  onChange: (lng: string) => void;
}) {
  return (
    <label className="lang-switch">
      <span className="visually-hidden">{label}</span>
      <select value={value} onChange={(e) => onChange(e.target.value)}>
        {languages.map((l) => (
          <option key={l} value={l}>
            {l.toUpperCase()}
          </option>
        ))}
      </select>
    </label>
  );
}
