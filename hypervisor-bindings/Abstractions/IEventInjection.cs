namespace Lvbs.Hypervisor.Abstractions;

/// <summary>P7: make the lower VTL take an exception when it next runs.</summary>
public interface IEventInjection
{
    /// <summary>Queues <paramref name="exception"/> on <paramref name="vp"/>. Vectors above 31 are InvalidParameter.</summary>
    BindingStatus InjectException(uint vp, in ExceptionEvent exception);
}
