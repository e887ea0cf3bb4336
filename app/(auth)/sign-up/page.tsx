import Link from "next/link";
import { redirect } from "next/navigation";
import { AuthCard } from "@/components/auth/auth-card";
import { SignUpForm } from "@/components/auth/sign-up-form";
import { currentUser } from "@/lib/auth/session";

export const metadata = { title: "Create an account" };

export default async function SignUpPage() {
  if (await currentUser()) redirect("/");
  return (
    <AuthCard title="Create your account" subtitle="You get a personal workspace; invite your team later.">
      <SignUpForm />
      <p className="mt-5 text-center text-sm text-neutral-600">
        Already have an account?{" "}
        <Link href="/sign-in" className="font-medium text-brand-600 hover:underline">
          Sign in
        </Link>
      </p>
    </AuthCard>
  );
}
