// Account bodies of the web view's sign-up and sign-in.
import { z } from "zod";

// Messages are sentences for the person at the form: pages show them beside the field as they are.
export const Email = z
  .string({ error: "Enter your email address." })
  .trim()
  .toLowerCase()
  .max(254, { message: "An email address has at most 254 characters; check the one you typed." })
  .pipe(z.email({ message: "Enter a valid email address, like runner@example.com." }));

export const SignupRequest = z.object({
  email: Email,
  password: z
    .string({ error: "Choose a password." })
    .min(8, { message: "Use at least 8 characters for your password." })
    .max(256, { message: "Keep your password under 256 characters." })
    .refine((p) => p.trim().length > 0, {
      message: "A password of only spaces is too easy to guess; use letters, digits or symbols.",
    }),
});
export type SignupRequest = z.infer<typeof SignupRequest>;

export const LoginRequest = z.object({
  email: Email,
  password: z
    .string({ error: "Enter your password." })
    .min(1, { message: "Enter your password." })
    .max(256, { message: "Passwords here are under 256 characters; check the one you typed." }),
});
export type LoginRequest = z.infer<typeof LoginRequest>;

export const ChangePasswordRequest = z.object({
  current_password: LoginRequest.shape.password,
  new_password: SignupRequest.shape.password,
});
export type ChangePasswordRequest = z.infer<typeof ChangePasswordRequest>;

export const UserView = z.object({ id: z.string(), email: z.string() });
export type UserView = z.infer<typeof UserView>;

export const UserResponse = z.object({ user: UserView });
export type UserResponse = z.infer<typeof UserResponse>;
