import Runtime from "handlebars/runtime";

/** A built-in template precompiled at build time from templates/ (src/generated/template-*.js), with the partials it uses. */
export interface Precompiled {
  template: TemplateSpecification;
  partials: Record<string, TemplateSpecification>;
}

/** A built-in template with its partials, on Handlebars' runtime alone (nothing is compiled at run time). */
export function builtinTemplate(precompiled: Precompiled): (context: object) => string {
  const hbs = Runtime.create();
  for (const [name, spec] of Object.entries(precompiled.partials)) hbs.registerPartial(name, hbs.template(spec));
  return hbs.template(precompiled.template);
}
