import { humanise } from '../domain/format';

/** A fieldset of checkboxes choosing any of `options`, each labelled with its humanised name. */
export function ChoiceGroup<T extends string>({
  legend,
  options,
  chosen,
  onChange,
}: {
  legend: string;
  options: readonly T[];
  chosen: readonly T[];
  onChange: (chosen: T[]) => void;
}) {
  const toggle = (option: T) => onChange(chosen.includes(option) ? chosen.filter((c) => c !== option) : [...chosen, option]);
  return (
    <fieldset>
      <legend>{legend}</legend>
      {options.map((option) => (
        <label key={option} className="check" style={{ display: 'inline-flex', marginRight: '0.8rem' }}>
          <input type="checkbox" checked={chosen.includes(option)} onChange={() => toggle(option)} />
          {humanise(option)}
        </label>
      ))}
    </fieldset>
  );
}
