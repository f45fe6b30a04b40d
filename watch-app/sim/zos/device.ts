// @zos/device in the simulator: the simulated watch's screen and name.
export const SCREEN_SHAPE_SQUARE = 0;
export const SCREEN_SHAPE_ROUND = 1;

export function getDeviceInfo() {
  return globalThis.__sim.device.info();
}
