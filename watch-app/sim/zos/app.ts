// @zos/app in the simulator: the app's permissions as the watch would answer them — granted (2),
// except heart rate when the simulator's sensor is set to "permission refused" (0).
export function queryPermission(option: { permissions: string[] }): number[] {
  return option.permissions.map((p) =>
    p === "data:user.hd.heart_rate" && globalThis.__sim.heartRate.mode() === "denied" ? 0 : 2,
  );
}
