using System.Numerics.Tensors;

namespace MLExtensions.Engine.FullBatch;

/// <summary>
/// Limited-memory BFGS for full-batch training of small problems, where the whole loss and its gradient
/// are affordable at every step and a quasi-Newton direction beats first-order methods by a wide margin.
/// Not an <see cref="Optimizers.Optimizer"/>: its line search must evaluate the loss at trial points, so it needs
/// the objective itself rather than one gradient per step.
/// </summary>
/// <remarks>
/// Parameters stay float (what the network evaluates); the curvature history, directions and step
/// arithmetic are double, because <c>y = g₁ − g₀</c> near convergence is a difference of nearly equal
/// gradients and loses its digits in float. On every exit the parameters hold a point whose loss and
/// gradient were finite and whose loss is the returned one.
/// </remarks>
public sealed class Lbfgs
{
    /// <summary>
    /// Writes the gradient at <paramref name="parameters"/> into <paramref name="gradient"/> (which is
    /// zeroed before each call, so accumulating into it is fine) and returns the loss.
    /// </summary>
    public delegate double LossAndGradient(ReadOnlySpan<float> parameters, Span<float> gradient);

    // Sufficient-decrease and curvature constants, Nocedal and Wright's recommendations for quasi-Newton.
    private const double ArmijoConstant = 1e-4;
    private const double CurvatureConstant = 0.9;

    /// <summary>L-BFGS settings; the defaults suit a small network trained to a tight optimum.</summary>
    /// <param name="historySize">Curvature pairs kept, ≥ 1; default 10.</param>
    /// <param name="maxIterations">Accepted steps at most, ≥ 1; default 200 (scikit-learn's <c>max_iter</c>).</param>
    /// <param name="gradientTolerance">Stop when the largest absolute gradient component is at most this; finite and ≥ 0, default 1e-5.</param>
    /// <param name="functionTolerance">Stop when an iteration lowers the loss by at most this, relative; finite and ≥ 0, default 1e-10.</param>
    /// <param name="lineSearch">How the step length is chosen; default <see cref="LbfgsLineSearch.StrongWolfe"/>.</param>
    /// <param name="maxLineSearchEvaluations">Objective evaluations one line search may spend, ≥ 1; default 25.</param>
    /// <exception cref="ArgumentOutOfRangeException">A setting is outside its range, NaN or infinite, or <paramref name="lineSearch"/> is undefined.</exception>
    public Lbfgs(
        int historySize = 10,
        int maxIterations = 200,
        double gradientTolerance = 1e-5,
        double functionTolerance = 1e-10,
        LbfgsLineSearch lineSearch = LbfgsLineSearch.StrongWolfe,
        int maxLineSearchEvaluations = 25)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(historySize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxIterations, 1);
        if (!(gradientTolerance >= 0) || !double.IsFinite(gradientTolerance))
            throw new ArgumentOutOfRangeException(nameof(gradientTolerance), gradientTolerance, "Must be non-negative and finite.");
        if (!(functionTolerance >= 0) || !double.IsFinite(functionTolerance))
            throw new ArgumentOutOfRangeException(nameof(functionTolerance), functionTolerance, "Must be non-negative and finite.");
        if (!Enum.IsDefined(lineSearch))
            throw new ArgumentOutOfRangeException(nameof(lineSearch), lineSearch, "Unknown line search.");
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLineSearchEvaluations, 1);
        HistorySize = historySize;
        MaxIterations = maxIterations;
        GradientTolerance = gradientTolerance;
        FunctionTolerance = functionTolerance;
        LineSearch = lineSearch;
        MaxLineSearchEvaluations = maxLineSearchEvaluations;
    }

    /// <summary>Curvature pairs kept; memory is 2·HistorySize doubles per parameter.</summary>
    public int HistorySize { get; }

    /// <summary>Accepted steps at most, ≥ 1; default 200. Reaching it stops with <see cref="LbfgsStopReason.MaxIterations"/>.</summary>
    public int MaxIterations { get; }

    /// <summary>Stop once the largest absolute gradient component is at most this.</summary>
    public double GradientTolerance { get; }

    /// <summary>Stop once an iteration lowers the loss by at most this times max(|f|, |f_prev|, 1).</summary>
    public double FunctionTolerance { get; }

    /// <summary>How the step length is chosen; default <see cref="LbfgsLineSearch.StrongWolfe"/>.</summary>
    public LbfgsLineSearch LineSearch { get; }

    /// <summary>Objective evaluations one line search may spend before giving up.</summary>
    public int MaxLineSearchEvaluations { get; }

    /// <summary>
    /// Minimizes <paramref name="objective"/> starting from, and writing the result into,
    /// <paramref name="parameters"/>.
    /// </summary>
    /// <param name="parameters">The starting point; on return, the last accepted point (see the class remarks).</param>
    /// <param name="objective">The loss and its gradient at a point; it may be called at rejected trial points too.</param>
    /// <param name="cancellationToken">Checked between iterations; a cancelled run stops with <see cref="LbfgsStopReason.Cancelled"/>.</param>
    /// <returns>Why it stopped, the counts, and the loss and gradient size at the returned point.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="objective"/> is <see langword="null"/>.</exception>
    public LbfgsResult Minimize(Span<float> parameters, LossAndGradient objective, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(objective);
        var solver = new Solver(this, parameters, objective);
        try
        {
            return solver.Run(cancellationToken);
        }
        catch
        {
            // An objective that throws mid-search must not leave a half-explored trial point behind.
            solver.Restore();
            throw;
        }
    }

    /// <summary>One minimization's buffers and bookkeeping; a ref struct so it can hold the caller's span.</summary>
    private ref struct Solver
    {
        private readonly Lbfgs _options;
        private readonly Span<float> _x;
        private readonly LossAndGradient _objective;

        // Last accepted point, its gradient and loss: what the parameters are restored to on failure.
        private readonly float[] _xAccepted;
        private readonly float[] _gAccepted;
        private double _fAccepted;

        // Gradient of the latest trial, and of the best sufficient-decrease point of the current search.
        private readonly float[] _gTrial;
        private readonly float[] _gLow;

        private readonly double[] _direction;
        private readonly double[][] _s;
        private readonly double[][] _y;
        private readonly double[] _rho;
        private readonly double[] _alpha;
        private int _historyCount;
        private int _historyNext;
        private int _evaluations;

        public Solver(Lbfgs options, Span<float> parameters, LossAndGradient objective)
        {
            _options = options;
            _x = parameters;
            _objective = objective;
            int n = parameters.Length;
            _xAccepted = parameters.ToArray();
            _gAccepted = new float[n];
            _gTrial = new float[n];
            _gLow = new float[n];
            _direction = new double[n];
            int m = options.HistorySize;
            _s = new double[m][];
            _y = new double[m][];
            for (int k = 0; k < m; k++)
            {
                _s[k] = new double[n];
                _y[k] = new double[n];
            }
            _rho = new double[m];
            _alpha = new double[m];
        }

        public LbfgsResult Run(CancellationToken cancellationToken)
        {
            _gAccepted.AsSpan().Clear();
            _fAccepted = _objective(_x, _gAccepted);
            _evaluations++;
            if (!double.IsFinite(_fAccepted) || !AllFinite(_gAccepted))
                return new LbfgsResult(LbfgsStopReason.NonFiniteLoss, 0, _evaluations, double.NaN, double.NaN);

            double gradientNorm = MaxAbs(_gAccepted);
            if (gradientNorm <= _options.GradientTolerance)
                return Result(LbfgsStopReason.ConvergedGradient, 0, gradientNorm);

            int iterations = 0;
            while (iterations < _options.MaxIterations)
            {
                if (cancellationToken.IsCancellationRequested)
                    return Result(LbfgsStopReason.Cancelled, iterations, gradientNorm);

                double slope = ComputeDirection();
                if (!(slope < 0))
                {
                    // Rounding can make the quasi-Newton direction non-descending; the gradient never is.
                    ResetHistory();
                    slope = ComputeDirection();
                }

                if (!Search(slope, out double step, out double loss, out float[] gradient))
                {
                    Restore();
                    if (_historyCount == 0)
                        return Result(LbfgsStopReason.LineSearchFailed, iterations, gradientNorm);
                    // Stale curvature pairs can point the search somewhere useless; retry from steepest descent once.
                    ResetHistory();
                    continue;
                }

                // A search that settles on an earlier trial left a later trial in the parameters.
                MoveTo(step);
                Remember(gradient);
                double previousLoss = _fAccepted;
                _fAccepted = loss;
                _x.CopyTo(_xAccepted);
                gradient.CopyTo(_gAccepted, 0);
                iterations++;

                gradientNorm = MaxAbs(_gAccepted);
                if (gradientNorm <= _options.GradientTolerance)
                    return Result(LbfgsStopReason.ConvergedGradient, iterations, gradientNorm);
                double scale = Math.Max(Math.Max(Math.Abs(previousLoss), Math.Abs(loss)), 1.0);
                if (previousLoss - loss <= _options.FunctionTolerance * scale)
                    return Result(LbfgsStopReason.ConvergedLoss, iterations, gradientNorm);
            }
            return Result(LbfgsStopReason.MaxIterations, iterations, gradientNorm);
        }

        /// <summary>Puts the last accepted point back into the caller's parameters.</summary>
        public readonly void Restore() => _xAccepted.AsSpan().CopyTo(_x);

        private readonly LbfgsResult Result(LbfgsStopReason reason, int iterations, double gradientNorm) =>
            new(reason, iterations, _evaluations, _fAccepted, gradientNorm);

        /// <summary>
        /// Two-loop recursion: direction = −H·g with H the L-BFGS inverse-Hessian estimate, scaled by
        /// sᵀy/yᵀy from the newest pair. Returns the directional derivative gᵀd.
        /// </summary>
        private readonly double ComputeDirection()
        {
            Span<double> q = _direction;
            for (int i = 0; i < q.Length; i++)
                q[i] = -_gAccepted[i];

            int m = _s.Length;
            if (_historyCount == 0)
            {
                // The first step has no curvature information: cap its length at 1 so a large gradient
                // does not send the first trial far away.
                double norm = Math.Sqrt(TensorPrimitives.Dot<double>(q, q));
                if (norm > 1)
                    TensorPrimitives.Multiply<double>(q, 1 / norm, q);
                return Slope();
            }

            for (int k = 1; k <= _historyCount; k++)
            {
                int j = (_historyNext - k + m) % m;
                _alpha[j] = _rho[j] * TensorPrimitives.Dot<double>(_s[j], q);
                TensorPrimitives.MultiplyAdd<double>(_y[j], -_alpha[j], q, q);
            }

            int newest = (_historyNext - 1 + m) % m;
            double yy = TensorPrimitives.Dot<double>(_y[newest], _y[newest]);
            TensorPrimitives.Multiply<double>(q, 1 / (_rho[newest] * yy), q);

            for (int k = _historyCount; k >= 1; k--)
            {
                int j = (_historyNext - k + m) % m;
                double beta = _rho[j] * TensorPrimitives.Dot<double>(_y[j], q);
                TensorPrimitives.MultiplyAdd<double>(_s[j], _alpha[j] - beta, q, q);
            }
            return Slope();
        }

        private readonly double Slope()
        {
            double slope = 0;
            for (int i = 0; i < _direction.Length; i++)
                slope += _gAccepted[i] * _direction[i];
            return slope;
        }

        /// <summary>Stores (s, y) from the accepted point to the new one, unless it would break positive definiteness.</summary>
        private void Remember(float[] newGradient)
        {
            int m = _s.Length;
            double[] s = _s[_historyNext], y = _y[_historyNext];
            for (int i = 0; i < s.Length; i++)
            {
                s[i] = (double)_x[i] - _xAccepted[i];
                y[i] = (double)newGradient[i] - _gAccepted[i];
            }
            double sy = TensorPrimitives.Dot<double>(s, y);
            double yy = TensorPrimitives.Dot<double>(y, y);
            // sᵀy must be clearly positive; backtracking steps (or float rounding of tiny steps) can violate it.
            if (!(sy > 1e-10 * yy) || yy == 0)
                return;
            _rho[_historyNext] = 1 / sy;
            _historyNext = (_historyNext + 1) % m;
            _historyCount = Math.Min(_historyCount + 1, m);
        }

        private void ResetHistory()
        {
            _historyCount = 0;
            _historyNext = 0;
        }

        private bool Search(double slope, out double step, out double loss, out float[] gradient) =>
            _options.LineSearch == LbfgsLineSearch.StrongWolfe
                ? StrongWolfe(slope, out step, out loss, out gradient)
                : Backtracking(slope, out step, out loss, out gradient);

        /// <summary>Nocedal and Wright, Algorithm 3.5 (bracketing) with 3.6 (zoom).</summary>
        private bool StrongWolfe(double slope0, out double step, out double loss, out float[] gradient)
        {
            double f0 = _fAccepted;
            double previousStep = 0, previousLoss = f0, previousSlope = slope0;
            double trial = 1;
            int budget = _options.MaxLineSearchEvaluations;
            for (int attempt = 0; attempt < budget; attempt++)
            {
                bool finite = Evaluate(trial, out double f, out double slope);
                if (!finite)
                    return Zoom(slope0, previousStep, previousLoss, previousSlope, trial, double.NaN, double.NaN, budget - attempt - 1,
                        out step, out loss, out gradient);
                if (f > f0 + ArmijoConstant * trial * slope0 || (attempt > 0 && f >= previousLoss))
                    return Zoom(slope0, previousStep, previousLoss, previousSlope, trial, f, slope, budget - attempt - 1,
                        out step, out loss, out gradient);
                if (Math.Abs(slope) <= -CurvatureConstant * slope0)
                {
                    (step, loss, gradient) = (trial, f, _gTrial);
                    return true;
                }
                _gTrial.CopyTo(_gLow, 0);
                if (slope >= 0)
                    return Zoom(slope0, trial, f, slope, previousStep, previousLoss, previousSlope, budget - attempt - 1,
                        out step, out loss, out gradient);
                (previousStep, previousLoss, previousSlope) = (trial, f, slope);
                trial *= 4;
            }
            return AcceptLow(previousStep, previousLoss, out step, out loss, out gradient);
        }

        /// <summary>
        /// Shrinks [low, high] (either order) around a strong-Wolfe point. <c>low</c> always satisfies
        /// sufficient decrease and has the lowest loss seen; its gradient is in <see cref="_gLow"/> when
        /// low &gt; 0. A NaN high loss marks a step where the objective was not finite.
        /// </summary>
        private bool Zoom(
            double slope0, double low, double lowLoss, double lowSlope, double high, double highLoss, double highSlope, int budget,
            out double step, out double loss, out float[] gradient)
        {
            double f0 = _fAccepted;
            for (int attempt = 0; attempt < budget; attempt++)
            {
                double width = high - low;
                if (Math.Abs(width) <= 1e-12 * Math.Max(Math.Abs(high), Math.Abs(low)))
                    break;
                double trial = double.IsNaN(highLoss)
                    // Past a non-finite point there is nothing to interpolate; back off hard towards low.
                    ? low + 0.2 * width
                    : CubicMinimizer(low, lowLoss, lowSlope, high, highLoss, highSlope);
                double margin = 0.1 * Math.Abs(width);
                if (!double.IsFinite(trial) || trial < Math.Min(low, high) + margin || trial > Math.Max(low, high) - margin)
                    trial = double.IsNaN(highLoss) ? low + 0.2 * width : low + 0.5 * width;

                bool finite = Evaluate(trial, out double f, out double slope);
                if (!finite)
                {
                    (high, highLoss, highSlope) = (trial, double.NaN, double.NaN);
                    continue;
                }
                if (f > f0 + ArmijoConstant * trial * slope0 || f >= lowLoss)
                {
                    (high, highLoss, highSlope) = (trial, f, slope);
                    continue;
                }
                if (Math.Abs(slope) <= -CurvatureConstant * slope0)
                {
                    (step, loss, gradient) = (trial, f, _gTrial);
                    return true;
                }
                if (slope * (high - low) >= 0)
                    (high, highLoss, highSlope) = (low, lowLoss, lowSlope);
                (low, lowLoss, lowSlope) = (trial, f, slope);
                _gTrial.CopyTo(_gLow, 0);
            }
            return AcceptLow(low, lowLoss, out step, out loss, out gradient);
        }

        /// <summary>
        /// When the budget runs out, a point that met sufficient decrease is still progress; only a search
        /// that never left the start fails.
        /// </summary>
        private readonly bool AcceptLow(double low, double lowLoss, out double step, out double loss, out float[] gradient)
        {
            (step, loss, gradient) = (low, lowLoss, _gLow);
            return low > 0 && lowLoss < _fAccepted;
        }

        /// <summary>Minimizer of the cubic matching loss and slope at both ends (Nocedal and Wright, eq. 3.59).</summary>
        private static double CubicMinimizer(double a, double fa, double da, double b, double fb, double db)
        {
            double d1 = da + db - 3 * (fa - fb) / (a - b);
            double radicand = d1 * d1 - da * db;
            if (!(radicand >= 0))
                return double.NaN;
            double d2 = Math.Sign(b - a) * Math.Sqrt(radicand);
            return b - (b - a) * (db + d2 - d1) / (db - da + 2 * d2);
        }

        /// <summary>Armijo backtracking with the quadratic-interpolation step, kept within [0.1, 0.5] of the last.</summary>
        private bool Backtracking(double slope0, out double step, out double loss, out float[] gradient)
        {
            double f0 = _fAccepted;
            double trial = 1;
            for (int attempt = 0; attempt < _options.MaxLineSearchEvaluations; attempt++)
            {
                bool finite = Evaluate(trial, out double f, out _);
                if (finite && f <= f0 + ArmijoConstant * trial * slope0)
                {
                    (step, loss, gradient) = (trial, f, _gTrial);
                    return true;
                }
                double next = finite ? -slope0 * trial * trial / (2 * (f - f0 - slope0 * trial)) : 0.1 * trial;
                trial = Math.Clamp(double.IsFinite(next) ? next : 0.5 * trial, 0.1 * trial, 0.5 * trial);
            }
            (step, loss, gradient) = (0, f0, _gAccepted);
            return false;
        }

        /// <summary>Evaluates the objective at accepted + step·direction; false when the loss or slope is not finite.</summary>
        private bool Evaluate(double step, out double loss, out double slope)
        {
            MoveTo(step);
            _gTrial.AsSpan().Clear();
            loss = _objective(_x, _gTrial);
            _evaluations++;
            // A finite slope implies a finite gradient wherever the direction is non-zero; check the rest explicitly.
            slope = 0;
            for (int i = 0; i < _gTrial.Length; i++)
                slope += _gTrial[i] * _direction[i];
            return double.IsFinite(loss) && double.IsFinite(slope) && AllFinite(_gTrial);
        }

        private readonly void MoveTo(double step)
        {
            for (int i = 0; i < _x.Length; i++)
                _x[i] = (float)(_xAccepted[i] + step * _direction[i]);
        }

        private static bool AllFinite(ReadOnlySpan<float> values)
        {
            // x − x is 0 for finite x and NaN for ±∞ or NaN, so one sum detects any non-finite element.
            float sum = 0;
            foreach (float value in values)
                sum += value - value;
            return sum == 0;
        }

        private static double MaxAbs(ReadOnlySpan<float> values) =>
            values.IsEmpty ? 0 : Math.Abs(TensorPrimitives.MaxMagnitude(values));
    }
}
