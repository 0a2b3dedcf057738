(* Run by check-assumptions.sh (make check): every main theorem listed in
   theorems.json must be closed under the global context. *)
From mathcomp Require Import all_ssreflect all_algebra.
From Heatbound Require Import Setting KeyIdentity Bounds Scaling Davies.

Print Assumptions key_identity.
Print Assumptions heat_davies.
Print Assumptions bound_state.
Print Assumptions bound1.
Print Assumptions bound1_chain.
Print Assumptions bound1_width.
Print Assumptions band_Omega.
Print Assumptions bound2.
Print Assumptions multi_bound_state.
Print Assumptions multi_bound1.
Print Assumptions multi_bound1_width.
Print Assumptions multi_bound2.
Print Assumptions width_spec.
Print Assumptions width_le_2norm.
Print Assumptions cubic_scaling_real.
Print Assumptions quadratic_scaling_real.
Print Assumptions heat_cubic_scaling.
Print Assumptions heat_quadratic_scaling.
