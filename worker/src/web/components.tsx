// Building blocks of the pages: labelled fields with their error slot, the sign-in form,
// empty states and stat tiles.
import type { Child } from "hono/jsx";

export function Field(props: {
  id: string;
  label: string;
  name?: string;
  type?: string;
  value?: string;
  hint?: string;
  error?: string;
  autocomplete?: string;
  required?: boolean;
  inputmode?: "text" | "numeric" | "email" | "decimal";
  placeholder?: string;
  min?: string;
  max?: string;
  step?: string;
  message?: string;
  missing?: string;
  minChars?: number;
  maxChars?: number;
  sameAs?: string;
  sameMessage?: string;
  autocapitalize?: "none" | "characters" | "words";
}) {
  const describedBy = [props.hint ? `${props.id}-hint` : "", `${props.id}-error`]
    .filter(Boolean)
    .join(" ");
  return (
    <div class="field">
      <label for={props.id}>{props.label}</label>
      {props.hint ? (
        <p class="hint" id={`${props.id}-hint`}>
          {props.hint}
        </p>
      ) : null}
      <input
        id={props.id}
        name={props.name ?? props.id}
        type={props.type ?? "text"}
        value={props.value}
        autocomplete={props.autocomplete}
        required={props.required}
        inputmode={props.inputmode}
        placeholder={props.placeholder}
        min={props.min}
        max={props.max}
        step={props.step}
        autocapitalize={props.autocapitalize}
        aria-describedby={describedBy}
        aria-invalid={props.error ? "true" : undefined}
        data-message={props.message}
        data-message-missing={props.missing}
        data-min-chars={props.minChars === undefined ? undefined : String(props.minChars)}
        data-max-chars={props.maxChars === undefined ? undefined : String(props.maxChars)}
        data-same-as={props.sameAs}
        data-message-same={props.sameMessage}
      />
      <p class="field-error" id={`${props.id}-error`} role="alert">
        {props.error ?? ""}
      </p>
    </div>
  );
}

export function AuthForms(props: { intro?: string }) {
  return (
    <section id="account" class="card auth" aria-labelledby="auth-title">
      <h2 id="auth-title">Sign in or create an account</h2>
      {props.intro ? <p class="muted">{props.intro}</p> : null}
      <form id="auth-form" novalidate>
        <Field
          id="email"
          label="Email"
          type="email"
          autocomplete="email"
          required
          missing="Enter your email address."
          message="Enter a valid email address, like name@example.com."
        />
        <Field
          id="password"
          label="Password"
          type="password"
          autocomplete="current-password"
          hint="At least 8 characters for a new account."
          required
          missing="Enter your password."
          maxChars={256}
        />
        <div class="actions">
          <button type="submit" name="mode" value="login">
            Sign in
          </button>
          <button type="submit" name="mode" value="signup" class="secondary">
            Create account
          </button>
        </div>
        <p class="form-error" id="form-error" role="alert" />
      </form>
    </section>
  );
}

export function Empty(props: { title: string; children?: Child }) {
  return (
    <div class="empty">
      <p class="empty-title">{props.title}</p>
      {props.children}
    </div>
  );
}

export function Stat(props: { label: string; value: Child; sub?: Child; id?: string }) {
  return (
    <div class="stat" id={props.id}>
      <p class="stat-value">{props.value}</p>
      <p class="stat-label">{props.label}</p>
      {props.sub ? <p class="stat-sub">{props.sub}</p> : null}
    </div>
  );
}

/** A meter drawn as SVG (width is an attribute, so no inline style is needed under the CSP). */
export function Bar(props: { value: number; max: number; label: string; class?: string }) {
  const share = props.max > 0 ? Math.min(1, props.value / props.max) : 0;
  return (
    <svg
      class={props.class ?? "bar"}
      viewBox="0 0 100 8"
      preserveAspectRatio="none"
      role="img"
      aria-label={props.label}
    >
      <rect class="bar-track" x="0" y="0" width="100" height="8" rx="4" />
      <rect class="bar-fill" x="0" y="0" width={String(share * 100)} height="8" rx="4" />
    </svg>
  );
}
