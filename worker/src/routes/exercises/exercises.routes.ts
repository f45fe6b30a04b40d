// The built-in exercise library, served to every client from the shared catalog.
import { createRoute } from "@hono/zod-openapi";
import { Exercise, exerciseById, exercises } from "@runstrong/shared/catalog";
import { z } from "zod";
import { ApiError } from "../../http/apiError.ts";
import { pickErrors } from "../errorResponses.ts";
import { openApiRouter } from "../openApiRouter.ts";

const list = createRoute({
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

const one = createRoute({
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
  .openapi(list, (c) => {
    // The catalog is fixed at build time: let clients and caches keep it for a day.
    c.header("Cache-Control", "public, max-age=86400");
    return c.json({ exercises: [...exercises] }, 200);
  })
  .openapi(one, (c) => {
    const exercise = exerciseById(c.req.valid("param").id);
    if (!exercise) throw new ApiError(404, "not_found", "No exercise with this id.");
    return c.json({ exercise }, 200);
  });
