// Two-tap confirmation for destructive buttons: the first tap arms the button and says so, a
// second tap within five seconds acts. No modal dialog, keyboard and screen-reader friendly.
const ARM_MS = 5000;

export function armed(button: HTMLButtonElement): boolean {
  if (button.dataset.armed === "1") {
    delete button.dataset.armed;
    button.textContent = button.dataset.label ?? button.textContent;
    return true;
  }
  button.dataset.label = button.textContent ?? "";
  button.dataset.armed = "1";
  button.textContent = button.dataset.confirm ?? "Tap again to confirm";
  window.setTimeout(() => {
    if (button.dataset.armed === "1") {
      delete button.dataset.armed;
      button.textContent = button.dataset.label ?? "";
    }
  }, ARM_MS);
  return false;
}
