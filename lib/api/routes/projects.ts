import { addDomainInput, domainResource } from "@/lib/builds";
import { createProjectInput, projectResource, updateProjectInput } from "@/lib/projects";
import { pageQuerySchema } from "@/lib/validation";
import { defineRoutes, deletedResource, listOf } from "../route";

const tag = "Projects";

export const projectRoutes = defineRoutes({
  listProjects: { method: "GET", path: "/projects", summary: "List projects", tag, auth: { apiKey: "projects:read" }, query: pageQuerySchema, response: listOf(projectResource) },
  createProject: {
    method: "POST",
    path: "/projects",
    summary: "Create a project",
    tag,
    auth: { apiKey: "projects:write" },
    body: createProjectInput,
    example: {
      name: "MyPlugin",
      repository: "studio/myplugin",
      default_platforms: ["macos", "windows"],
      default_formats: ["vst3", "au"],
      default_release_type: "dev",
      default_flags: { enableActivationKeys: true },
    },
    status: 201,
    response: projectResource,
  },
  getProject: { method: "GET", path: "/projects/{projectId}", summary: "Get a project", tag, auth: { apiKey: "projects:read" }, response: projectResource },
  updateProject: {
    method: "PATCH",
    path: "/projects/{projectId}",
    summary: "Update a project",
    tag,
    auth: { apiKey: "projects:write" },
    body: updateProjectInput,
    example: { description: "An audio plugin.", default_release_type: "patch", default_flags: { enableActivationKeys: true, betaChannel: false } },
    response: projectResource,
  },
  deleteProject: { method: "DELETE", path: "/projects/{projectId}", summary: "Delete a project", tag, auth: { apiKey: "projects:write" }, response: deletedResource },
  listDomains: {
    method: "GET",
    path: "/projects/{projectId}/domains",
    summary: "List a project's custom domains",
    tag,
    auth: { apiKey: "projects:read" },
    response: listOf(domainResource),
  },
  addDomain: {
    method: "POST",
    path: "/projects/{projectId}/domains",
    summary: "Add a custom domain",
    tag,
    auth: { apiKey: "projects:write" },
    body: addDomainInput,
    example: { hostname: "plugins.example.com" },
    status: 201,
    response: domainResource,
  },
  removeDomain: {
    method: "DELETE",
    path: "/projects/{projectId}/domains/{domainId}",
    summary: "Remove a custom domain",
    tag,
    auth: { apiKey: "projects:write" },
    response: deletedResource,
  },
});
