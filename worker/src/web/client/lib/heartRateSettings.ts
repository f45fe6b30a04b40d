// The account page's "Heart rate" form: max heart rate or year of birth, and the heart rate that
// ends a rest, saved with settings.put through the outbox like the units preference; an empty
// field clears that setting (for rest_hr_ready: rests go by time only).
import { maxHeartRate, zoneRanges } from "@runstrong/shared/heartRate";
import { maxHrSentence, zoneRangeText, zoneText } from "../../pages/heartRateWords.ts";
import { byId } from "./dom.ts";
import { busy, setFieldError, setFormError, validate } from "./forms.ts";
import { type OpArgs, push } from "./sync.ts";

const FIELDS = new Set(["max_hr", "birth_year", "rest_hr_ready"]);

function wholeNumberOrNull(form: HTMLFormElement, name: string): number | null {
  const text = form.querySelector<HTMLInputElement>(`[name=${name}]`)?.value.trim() ?? "";
  return text === "" ? null : Number(text);
}

/** Redraws the sentence and the zone legend for what was just saved. */
function showZones(
  form: HTMLFormElement,
  args: { max_hr: number | null; birth_year: number | null },
) {
  const year = Number(form.dataset.year) || new Date().getFullYear();
  const max = maxHeartRate(args, year);
  const summary = byId("hr-summary");
  if (summary) summary.textContent = maxHrSentence(max);
  const legend = byId("hr-legend");
  if (!legend) return;
  legend.hidden = max === null;
  legend.replaceChildren(
    ...(max ? zoneRanges(max.bpm).filter((r) => r.zone > 0) : []).map((r) => {
      const item = document.createElement("li");
      item.className = "hr-legend-item";
      const chip = document.createElement("span");
      chip.className = `hr-zone hr-zone-${r.zone}`;
      chip.textContent = zoneText(r.zone);
      const range = document.createElement("span");
      range.className = "small";
      range.textContent = zoneRangeText(r);
      item.append(chip, " ", range);
      return item;
    }),
  );
}

export async function saveHeartRate(form: HTMLFormElement): Promise<void> {
  if (!validate(form)) return;
  const args = {
    max_hr: wholeNumberOrNull(form, "max_hr"),
    birth_year: wholeNumberOrNull(form, "birth_year"),
    rest_hr_ready: wholeNumberOrNull(form, "rest_hr_ready"),
  } satisfies OpArgs<"settings.put">;
  const out = await busy(form, () => push([{ op: "settings.put", args }]));
  const ack = out.acks[0];
  if (ack?.status === "rejected") {
    // "max_hr: Max heart rate is …" → by the field.
    const [path, ...rest] = (ack.error ?? "").split(": ");
    if (path && FIELDS.has(path) && rest.length) setFieldError(form, path, rest.join(": "));
    else setFormError(form, ack.error ?? "The server refused this change.");
    return;
  }
  form.removeAttribute("data-dirty");
  showZones(form, args);
  const ok = form.querySelector<HTMLElement>(".form-ok");
  if (ok) {
    ok.textContent = ack
      ? "Saved. Your watch gets it on its next sync."
      : "Saved on this device; it syncs when you are back online.";
  }
}
