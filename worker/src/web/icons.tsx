// Small line icons drawn inline (SVG is markup, so the strict CSP allows it), in currentColor.
const PATHS = {
  today: "M4 5h16v15H4zM4 9h16M8 3v4M16 3v4M8 13h3v3H8z",
  history: "M4 6h16M4 12h16M4 18h10",
  run: "M8 5l11 7-11 7z",
  progress: "M4 20V10M10 20V4M16 20v-7M22 20H2",
  library: "M5 4h5v16H5zM14 4l4 1-3 15-4-1z",
  devices: "M8 3h8v4H8zM8 17h8v4H8zM6 7h12v10H6zM12 10v3l2 1",
  account: "M12 12a4 4 0 1 0 0-8 4 4 0 0 0 0 8zM4 21c1-4 4-6 8-6s7 2 8 6",
  plan: "M4 4h16v16H4zM4 9h16M9 9v11M12 13h5M12 16h3",
  runs: "M13 4a2 2 0 1 0 0 .1M10 21l2-6 3 3v3M7 12l3-4 4 2 3 3M9 15l-3 2",
  assessments: "M4 20h16M7 20v-6M12 20V8M17 20v-9M5 7l5-3 4 3 5-3",
  sync: "M20 11a8 8 0 0 0-14-4l-2 2M4 13a8 8 0 0 0 14 4l2-2M4 5v4h4M20 19v-4h-4",
} as const;

export type IconName = keyof typeof PATHS;

export function Icon(props: { name: IconName; class?: string }) {
  return (
    <svg
      class={props.class ?? "icon"}
      viewBox="0 0 24 24"
      aria-hidden="true"
      focusable="false"
      fill="none"
      stroke="currentColor"
      stroke-width="2"
      stroke-linecap="round"
      stroke-linejoin="round"
    >
      <path d={PATHS[props.name]} />
    </svg>
  );
}
