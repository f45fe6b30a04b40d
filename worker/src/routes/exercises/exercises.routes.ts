// The built-in exercise library, served to every client from the shared catalog: the route
// specs (the OpenAPI document) and their wiring; the handlers are in exercises.handlers.ts.
import { createRoute } from "@hono/zod-openapi";
import { Exercise } from "@runstrong/shared/catalog";
import { z } from "zod";
import { pickErrors } from "../errorResponses.ts";
import { openApiRouter } from "../openApiRouter.ts";
import { getExercise, listExercises } from "./exercises.handlers.ts";

export const listExercisesRoute = createRoute({
  method: "get",
  path: "/",
  tags: ["Catalog"],
  summary: "Every built-in exercise",
  responses: {
    200: {
      description: "The library",
      content: { "application/json": { schema: z.object({ exercises: z.array(Exercise) }) } },
    },
  },
});

export const oneExerciseRoute = createRoute({
  method: "get",
  path: "/{id}",
  tags: ["Catalog"],
  summary: "One exercise",
  request: { params: z.object({ id: z.string().min(1).max(64) }) },
  responses: {
    200: {
      description: "The exercise",
      content: { "application/json": { schema: z.object({ exercise: Exercise }) } },
    },
    ...pickErrors(400, 404),
  },
});

export const exerciseRoutes = openApiRouter()
  .openapi(listExercisesRoute, listExercises)
  .openapi(oneExerciseRoute, getExercise);
