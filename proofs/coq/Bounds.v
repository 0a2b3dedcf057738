(* heatbound -- Coq development, part 3: Bound 1 and Bound 2, one channel
   and several channels.

   Chain (one channel, A Hermitian, rho a density matrix, gamma >= 0,
   A^2 <= c I):
     |J| <= sum_w |w| gamma(w) Tr[rho A(w)^+ A(w)]
         <= (max_{w in Omega} |w| gamma(w)) * Tr[A^2 Pinch(rho)]     (B_state)
         <= (max_{w in Omega} |w| gamma(w)) * c                      (B_1)
         <= W * Gamma * c                                             (B_1coarse)
   and, if P_i A P_j = 0 whenever |e_j - e_i| > DeltaE (DeltaE >= 0):
     |J| <= DeltaE * Gamma * c                                        (B_2) *)

From mathcomp Require Import all_ssreflect all_algebra.
From Heatbound Require Import Setting KeyIdentity.

Set Implicit Arguments.
Unset Strict Implicit.
Unset Printing Implicit Defensive.

Import Order.POrderTheory GRing.Theory Num.Theory.
Local Open Scope ring_scope.

Section Bounds.

Variable C : numClosedFieldType.
Variables (n k : nat) (e : 'I_k -> C) (P : 'I_k -> 'M[C]_n).
Hypothesis sp : spectral e P.

Let tw (A rho : 'M[C]_n) w := \tr (rho *m (adj (Aw e P A w) *m Aw e P A w)).

Lemma tw_ge0 A rho w : psd rho -> 0 <= tw A rho w.
Proof. by move=> hr; apply: tr_psd_ge0 => //; apply: psd_adjM. Qed.

Lemma sum_tw A rho : hermitian A ->
  \sum_(w <- bohr e) tw A rho w = \tr (rho *m pinch P (A *m A)).
Proof. by move=> hA; rewrite /tw -tr_sum -mulmx_sumr key_identity. Qed.

(* J depends on rho only through Pinch(rho): Tr[rho Pinch X] = Tr[X Pinch rho] *)
Lemma tr_pinch (rho X : 'M[C]_n) :
  \tr (rho *m pinch P X) = \tr (X *m pinch P rho).
Proof.
rewrite /pinch !mulmx_sumr !tr_sum; apply: eq_bigr => i _.
by rewrite mxtrace_mulC !mulmxA [in RHS]mxtrace_mulC !mulmxA.
Qed.

Lemma pinch_scalar c : pinch P c%:M = c%:M.
Proof.
rewrite /pinch (eq_bigr (fun i => c *: P i)) => [|i _].
  by rewrite -scaler_sumr (spec_sum sp) scalemx1.
by rewrite mul_mx_scalar -scalemxAl (spec_orth sp) eqxx.
Qed.

Lemma pinchB X Y : pinch P (X - Y) = pinch P X - pinch P Y.
Proof.
by rewrite /pinch -sumrB; apply: eq_bigr => i _; rewrite mulmxBr mulmxBl.
Qed.

Lemma tr_pinch_psd_ge0 (rho S : 'M[C]_n) :
  psd rho -> psd S -> 0 <= \tr (rho *m pinch P S).
Proof.
move=> hr [D ->]; rewrite /pinch mulmx_sumr tr_sum; apply: sumr_ge0 => i _.
have -> : P i *m (D *m adj D) *m P i = (P i *m D) *m adj (P i *m D).
  by rewrite adjM (spec_herm sp) !mulmxA.
by apply: tr_psd_ge0 => //; exists (P i *m D).
Qed.

(* Pinch(A^2) <= c I in trace against a psd rho *)
Lemma tr_pinch_loewner (A rho : 'M[C]_n) c :
  psd rho -> loewner_le (A *m A) c%:M ->
  \tr (rho *m pinch P (A *m A)) <= c * \tr rho.
Proof.
move=> hr hc; rewrite -subr_ge0.
have -> : c * \tr rho - \tr (rho *m pinch P (A *m A))
          = \tr (rho *m pinch P (c%:M - A *m A)).
  by rewrite pinchB pinch_scalar mulmxBr trB mul_mx_scalar mxtraceZ.
exact: tr_pinch_psd_ge0.
Qed.

Lemma tr_A2_pinch_ge0 (A rho : 'M[C]_n) : hermitian A -> psd rho ->
  0 <= \tr (A *m A *m pinch P rho).
Proof.
move=> hA hr; rewrite -tr_pinch; apply: tr_pinch_psd_ge0 => //.
by exists A; rewrite hA.
Qed.

Lemma Mrate_ge0 A gamma : (forall w, 0 <= gamma w) -> 0 <= Mrate e P A gamma.
Proof.
move=> g0; apply: bmax_ge0 => w _.
by apply: ger0_real; rewrite mulr_ge0 ?normr_ge0.
Qed.

Lemma Gam_ge0 A gamma : (forall w, 0 <= gamma w) -> 0 <= Gam e P A gamma.
Proof. by move=> g0; apply: bmax_ge0 => w _; apply: ger0_real. Qed.

Lemma width_ge0 : 0 <= width e.
Proof. by apply: bmax_ge0 => w /(bohr_real sp). Qed.

Lemma Omega_bohr A w : w \in Omega e P A -> w \in bohr e.
Proof. by rewrite mem_filter => /andP []. Qed.

Lemma Omega_Aw A w : w \in Omega e P A -> Aw e P A w != 0.
Proof. by rewrite mem_filter => /andP [/andP []]. Qed.

(* |w| <= W for every Bohr frequency *)
Lemma bohr_le_width w : w \in bohr e -> `|w| <= width e.
Proof.
move=> wb; rewrite real_ler_norml ?(bohr_real sp) //.
have Rb : {in bohr e, forall x, id x \is Num.real} by move=> x /(bohr_real sp).
rewrite ler_oppl (bmax_ub Rb (bohrN wb)).
exact: (bmax_ub Rb wb).
Qed.

(* generic: max_{w in Omega} |w| gamma(w) <= B G when |w| <= B and gamma(w) <= G on Omega *)
Lemma Mrate_le A gamma B G :
  (forall w, 0 <= gamma w) -> 0 <= B -> 0 <= G ->
  (forall w, w \in Omega e P A -> `|w| <= B) ->
  (forall w, w \in Omega e P A -> gamma w <= G) ->
  Mrate e P A gamma <= B * G.
Proof.
move=> g0 B0 G0 HB HG; apply: bmax_le; first exact: mulr_ge0.
by move=> w wO; apply: ler_pmul; rewrite ?normr_ge0 ?HB ?HG.
Qed.

Lemma Gam_ub A gamma w : (forall w, 0 <= gamma w) ->
  w \in Omega e P A -> gamma w <= Gam e P A gamma.
Proof. by move=> g0; apply: bmax_ub => x _; apply: ger0_real. Qed.

Lemma Mrate_le_width A gamma : (forall w, 0 <= gamma w) ->
  Mrate e P A gamma <= width e * Gam e P A gamma.
Proof.
move=> g0; apply: Mrate_le; rewrite ?width_ge0 ?Gam_ge0 //.
  by move=> w /Omega_bohr; apply: bohr_le_width.
by move=> w; apply: Gam_ub.
Qed.

(* Bound 2: band-limited noise puts Omega inside [-DeltaE, DeltaE] *)
Definition band_limited (A : 'M[C]_n) (dE : C) : Prop :=
  forall i j, dE < `|e j - e i| -> P i *m A *m P j = 0.

Theorem band_Omega A dE w : 0 <= dE -> band_limited A dE ->
  w \in Omega e P A -> `|w| <= dE.
Proof.
move=> dE0 hb wO; have Rw := bohr_real sp (Omega_bohr wO).
case: (boolP (`|w| <= dE)) => // Hn.
have : dE < `|w| by rewrite real_ltNge ?normr_real ?ger0_real.
move=> lt; have := Omega_Aw wO; rewrite /Aw big1 ?eqxx // => i _.
by rewrite big1 // => j /eqP hw; apply: hb; rewrite hw.
Qed.

Lemma Mrate_le_band A gamma dE : (forall w, 0 <= gamma w) ->
  0 <= dE -> band_limited A dE ->
  Mrate e P A gamma <= dE * Gam e P A gamma.
Proof.
move=> g0 dE0 hb; apply: Mrate_le; rewrite ?Gam_ge0 //.
  by move=> w; apply: band_Omega.
by move=> w; apply: Gam_ub.
Qed.

(* ------------------------------------------------------------------ *)
(* One channel                                                          *)

Theorem heat_le_sum A gamma rho : psd rho -> (forall w, 0 <= gamma w) ->
  `|heat e P A gamma rho|
  <= \sum_(w <- bohr e) `|w| * gamma w * tw A rho w.
Proof.
move=> hr g0; rewrite /heat normrN; apply: le_trans (ler_norm_sum _ _ _) _.
apply: ler_sum => w _.
by rewrite !normrM (ger0_norm (g0 w)) (ger0_norm (tw_ge0 _ _ hr)).
Qed.

Theorem bound_state A gamma rho :
  hermitian A -> psd rho -> (forall w, 0 <= gamma w) ->
  `|heat e P A gamma rho| <= Mrate e P A gamma * \tr (A *m A *m pinch P rho).
Proof.
move=> hA hr g0; apply: le_trans (heat_le_sum A hr g0) _.
rewrite -tr_pinch -sum_tw // mulr_sumr big_seq [X in _ <= X]big_seq.
apply: ler_sum => w wb.
case: (boolP (w \in Omega e P A)) => wO.
  apply: ler_wpmul2r; first exact: tw_ge0.
  by apply: bmax_ub wO => x _; apply: ger0_real; rewrite mulr_ge0 ?normr_ge0.
move: wO; rewrite mem_filter wb andbT negb_and !negbK => /orP [/eqP -> | /eqP Aw0].
  by rewrite normr0 !mul0r mulr_ge0 ?Mrate_ge0 ?tw_ge0.
by rewrite /tw Aw0 adj0 mul0mx mulmx0 mxtrace0 !mulr0.
Qed.

Theorem bound1 A gamma rho c :
  hermitian A -> density rho -> (forall w, 0 <= gamma w) ->
  loewner_le (A *m A) c%:M ->
  `|heat e P A gamma rho| <= Mrate e P A gamma * c.
Proof.
move=> hA [hr tr1] g0 hc; apply: le_trans (bound_state hA hr g0) _.
apply: ler_wpmul2l; first exact: Mrate_ge0.
by rewrite -tr_pinch -[c]mulr1 -tr1 tr_pinch_loewner.
Qed.

Theorem bound1_chain A gamma rho c :
  hermitian A -> density rho -> (forall w, 0 <= gamma w) ->
  loewner_le (A *m A) c%:M ->
  [/\ `|heat e P A gamma rho|
        <= \sum_(w <- bohr e) `|w| * gamma w
             * \tr (rho *m (adj (Aw e P A w) *m Aw e P A w)),
      \sum_(w <- bohr e) `|w| * gamma w
             * \tr (rho *m (adj (Aw e P A w) *m Aw e P A w))
        <= Mrate e P A gamma * \tr (A *m A *m pinch P rho),
      Mrate e P A gamma * \tr (A *m A *m pinch P rho)
        <= Mrate e P A gamma * c
    & Mrate e P A gamma * c <= width e * Gam e P A gamma * c].
Proof.
move=> hA [hr tr1] g0 hc.
have trc : \tr (A *m A *m pinch P rho) <= c.
  by rewrite -tr_pinch -[c]mulr1 -tr1 tr_pinch_loewner.
have c0 : 0 <= c := le_trans (tr_A2_pinch_ge0 hA hr) trc.
split.
- exact: heat_le_sum.
- rewrite -tr_pinch -sum_tw // mulr_sumr big_seq [X in _ <= X]big_seq.
  apply: ler_sum => w wb.
  case: (boolP (w \in Omega e P A)) => wO.
    apply: ler_wpmul2r; first exact: tw_ge0.
    by apply: bmax_ub wO => x _; apply: ger0_real; rewrite mulr_ge0 ?normr_ge0.
  move: wO; rewrite mem_filter wb andbT negb_and !negbK.
  case/orP => [/eqP -> | /eqP Aw0].
    by rewrite normr0 !mul0r mulr_ge0 ?Mrate_ge0 ?tw_ge0.
  by rewrite /tw Aw0 adj0 mul0mx mulmx0 mxtrace0 !mulr0.
- by apply: ler_wpmul2l; first exact: Mrate_ge0.
- by apply: ler_wpmul2r => //; apply: Mrate_le_width.
Qed.

Theorem bound1_width A gamma rho c :
  hermitian A -> density rho -> (forall w, 0 <= gamma w) ->
  loewner_le (A *m A) c%:M ->
  `|heat e P A gamma rho| <= width e * Gam e P A gamma * c.
Proof.
move=> hA hrho g0 hc.
by case: (bound1_chain hA hrho g0 hc) => h1 h2 h3 h4;
   apply: le_trans h4; apply: le_trans h3; apply: le_trans h2.
Qed.

Theorem bound2 A gamma rho c dE :
  hermitian A -> density rho -> (forall w, 0 <= gamma w) ->
  loewner_le (A *m A) c%:M -> 0 <= dE -> band_limited A dE ->
  `|heat e P A gamma rho| <= dE * Gam e P A gamma * c.
Proof.
move=> hA hrho g0 hc dE0 hb.
have c0 : 0 <= c.
  case: hrho => hr tr1; apply: le_trans (tr_A2_pinch_ge0 hA hr) _.
  by rewrite -tr_pinch -[c]mulr1 -tr1 tr_pinch_loewner.
apply: le_trans (bound1 hA hrho g0 hc) _.
by apply: ler_wpmul2r => //; apply: Mrate_le_band.
Qed.

(* ------------------------------------------------------------------ *)
(* Several channels: J = sum_alpha J_alpha                              *)

Variable m : nat.

Theorem multi_bound_state (A : 'I_m -> 'M[C]_n) gamma rho :
  (forall a, hermitian (A a)) -> psd rho -> (forall a w, 0 <= gamma a w) ->
  `|heat_total e P A gamma rho|
  <= \sum_a Mrate e P (A a) (gamma a) * \tr (A a *m A a *m pinch P rho).
Proof.
move=> hA hr g0; apply: le_trans (ler_norm_sum _ _ _) _.
by apply: ler_sum => a _; apply: bound_state.
Qed.

Theorem multi_bound1 (A : 'I_m -> 'M[C]_n) gamma rho (c : 'I_m -> C) :
  (forall a, hermitian (A a)) -> density rho -> (forall a w, 0 <= gamma a w) ->
  (forall a, loewner_le (A a *m A a) (c a)%:M) ->
  `|heat_total e P A gamma rho| <= \sum_a Mrate e P (A a) (gamma a) * c a.
Proof.
move=> hA hr g0 hc; apply: le_trans (ler_norm_sum _ _ _) _.
by apply: ler_sum => a _; apply: bound1.
Qed.

Lemma Gam_total_ub (A : 'I_m -> 'M[C]_n) gamma a :
  (forall a w, 0 <= gamma a w) ->
  Gam e P (A a) (gamma a) <= Gam_total e P A gamma.
Proof.
move=> g0; rewrite /Gam_total.
apply: (bmax_ub (f := fun b => Gam e P (A b) (gamma b))); last by rewrite mem_enum.
by move=> b _; apply/ger0_real/Gam_ge0.
Qed.

Lemma c_ge0 (A rho : 'M[C]_n) c : hermitian A -> density rho ->
  loewner_le (A *m A) c%:M -> 0 <= c.
Proof.
move=> hA [hr tr1] hc; apply: le_trans (tr_A2_pinch_ge0 hA hr) _.
by rewrite -tr_pinch -[c]mulr1 -tr1 tr_pinch_loewner.
Qed.

Theorem multi_bound1_width (A : 'I_m -> 'M[C]_n) gamma rho (c : 'I_m -> C) :
  (forall a, hermitian (A a)) -> density rho -> (forall a w, 0 <= gamma a w) ->
  (forall a, loewner_le (A a *m A a) (c a)%:M) ->
  `|heat_total e P A gamma rho| <= width e * Gam_total e P A gamma * \sum_a c a.
Proof.
move=> hA hr g0 hc; apply: le_trans (ler_norm_sum _ _ _) _.
rewrite mulr_sumr; apply: ler_sum => a _.
apply: le_trans (bound1_width (hA a) hr (g0 a) (hc a)) _.
apply: ler_wpmul2r; first exact: (c_ge0 (hA a) hr (hc a)).
by apply: ler_wpmul2l; rewrite ?width_ge0 ?Gam_total_ub.
Qed.

Theorem multi_bound2 (A : 'I_m -> 'M[C]_n) gamma rho (c : 'I_m -> C) dE :
  (forall a, hermitian (A a)) -> density rho -> (forall a w, 0 <= gamma a w) ->
  (forall a, loewner_le (A a *m A a) (c a)%:M) ->
  0 <= dE -> (forall a, band_limited (A a) dE) ->
  `|heat_total e P A gamma rho| <= dE * Gam_total e P A gamma * \sum_a c a.
Proof.
move=> hA hr g0 hc dE0 hb; apply: le_trans (ler_norm_sum _ _ _) _.
rewrite mulr_sumr; apply: ler_sum => a _.
apply: le_trans (bound2 (hA a) hr (g0 a) (hc a) dE0 (hb a)) _.
apply: ler_wpmul2r; first exact: (c_ge0 (hA a) hr (hc a)).
by apply: ler_wpmul2l; rewrite ?Gam_total_ub.
Qed.

End Bounds.
