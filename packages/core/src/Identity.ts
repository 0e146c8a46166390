import { Schema } from "effect"

/** What a caller may do: ask for runs, decide on them, or both and more. */
export const Role = Schema.Literal("requester", "approver", "admin")
export type Role = typeof Role.Type

/** Who acts: a person or service by name, with the roles their credentials grant. */
export const Identity = Schema.Struct({
  name: Schema.String.pipe(Schema.minLength(1)),
  roles: Schema.Array(Role)
})
export type Identity = typeof Identity.Type

export const hasRole = (identity: Identity, role: Role): boolean =>
  identity.roles.includes(role) || identity.roles.includes("admin")
