// Script of the plan pages: the builder and its preview, the list of saved plans, the editor.
import { startApp } from "./lib/app.ts";
import { bindBuilder } from "./plan/builder.ts";
import { bindEditor } from "./plan/editor.ts";
import { bindPlanLinks } from "./plan/planLinks.ts";
import { bindPlanList } from "./plan/planList.ts";

startApp();
bindBuilder();
bindPlanList();
bindEditor();
bindPlanLinks();
