// Handlers of the exercise library routes (specs and wiring in exercises.routes.ts).
import type { RouteHandler } from "@hono/zod-openapi";
import { exerciseById, exercises } from "@runstrong/shared/catalog";
import type { AppEnv } from "../../appEnv.ts";
import { ApiError } from "../../http/apiError.ts";
import type { listExercisesRoute, oneExerciseRoute } from "./exercises.routes.ts";

export const listExercises: RouteHandler<typeof listExercisesRoute, AppEnv> = (c) => {
  // The catalog is fixed at build time: let clients and caches keep it for a day.
  c.header("Cache-Control", "public, max-age=86400");
  return c.json({ exercises: [...exercises] }, 200);
};

export const getExercise: RouteHandler<typeof oneExerciseRoute, AppEnv> = (c) => {
  const exercise = exerciseById(c.req.valid("param").id);
  if (!exercise) throw new ApiError(404, "not_found", "No exercise with this id.");
  return c.json({ exercise }, 200);
};
