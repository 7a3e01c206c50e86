import pkg from "../package.json" with { type: "json" };

/** The tool's name and version, as printed by --version and recorded in every report; bundled at build time. */
export const TOOL = { name: pkg.name, version: pkg.version };

/** Where people learn about the tool (package.json's homepage): SARIF's driver.informationUri. */
export const TOOL_HOMEPAGE: string = pkg.homepage;
